import { parseArgs } from 'node:util';
import { createRng } from '../../sim/rng';
import { traceFormats, type TraceFormat } from '../../sim/trace';
import { writeTrace } from '../../sim/trace/write';
import { describeWorkload, workloadSource } from '../../sim/workloads/source';
import { UsageError, type CliCommand } from '../io';
import { numberFlag } from '../options';
import { workloadOptions, workloadSpec, workloadUsage } from '../workloadFlags';

const usage = `Usage: cache-lab trace generate --output FILE [options]

Writes a built-in workload as a trace file, so other tools (libCacheSim's cachesim among them) can
replay exactly the requests Cache Lab replays.

Options:
  --output FILE        where to write (required)
  --format F           ${traceFormats.join(', ')} (default oracleGeneral)
${workloadUsage}
  --requests N         requests to write (default 1000000)
  --seed N             seed of the workload (default 42)
  --rate R             requests per second, for the time column (default 100000)
  --object-size S      every object's size in bytes (N), or a size per key drawn uniformly from
                       MIN-MAX with the seed (default 1)
  -h, --help           show this help
`;

/** Keeps per-key object sizes apart from the workload's own random stream. */
const SIZE_STREAM = 0x51e5;

function objectSizes(text: string | undefined, seed: number, keys: number): ((key: number) => number) | undefined {
  if (text === undefined) return undefined;
  const range = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!range) {
    const size = numberFlag('object-size', text, 1, 1, 2 ** 32 - 1, true);
    return () => size;
  }
  const min = Number(range[1]);
  const max = Number(range[2]);
  if (min < 1 || max < min || max > 2 ** 32 - 1) throw new UsageError(`--object-size range must be MIN-MAX with 1 <= MIN <= MAX < 2^32, got '${text}'`);
  const rng = createRng((seed ^ SIZE_STREAM) >>> 0);
  const sizes = new Uint32Array(keys);
  for (let key = 0; key < keys; key++) sizes[key] = min + rng.nextInt(max - min + 1);
  return (key) => sizes[key]!;
}

export const traceCommand: CliCommand = {
  name: 'trace',
  summary: 'write a built-in workload as a trace file (trace generate)',
  run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
      io.stdout(usage);
      return subcommand === undefined ? 2 : 0;
    }
    if (subcommand !== 'generate') throw new UsageError(`unknown trace subcommand '${subcommand}' (choose from generate)`);
    const { values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        output: { type: 'string' },
        format: { type: 'string' },
        ...workloadOptions,
        requests: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        'object-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    if (values.output === undefined) throw new UsageError('trace generate needs --output FILE');
    const format = (values.format ?? 'oracleGeneral') as TraceFormat;
    if (!traceFormats.includes(format)) throw new UsageError(`unknown trace format '${values.format}' (choose from ${traceFormats.join(', ')})`);
    const workload = workloadSpec(values);
    const seed = numberFlag('seed', values.seed, 42, 0, 2 ** 32 - 1, true);
    const requests = numberFlag('requests', values.requests, 1_000_000, 1, 2 ** 31 - 1, true);
    const rate = numberFlag('rate', values.rate, 100_000, Number.MIN_VALUE, 1e12);
    const sizes = objectSizes(values['object-size'], seed, workload.keys);
    const source = workloadSource(workload, seed, requests);
    try {
      const bytes = writeTrace(source, values.output, format, { rate, ...(sizes ? { objectSize: sizes } : {}) });
      io.stdout(`Wrote ${requests.toLocaleString('en-US')} requests of ${describeWorkload(workload)} (seed ${seed}) to ${values.output}: ${bytes.toLocaleString('en-US')} bytes, ${format}.\n`);
    } finally {
      source.close();
    }
    return 0;
  },
};
