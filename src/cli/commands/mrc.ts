import { parseArgs } from 'node:util';
import { errorAt, exactLruMrc, hitRatioAt, shardsMrc } from '../../sim/mrc/mrc';
import type { RequestSource } from '../../sim/source';
import { openTrace } from '../../sim/trace';
import { workloadSource } from '../../sim/workloads/source';
import { fileProgress, formatTable, UsageError, type CliCommand } from '../io';
import { listFlag, numberFlag } from '../options';
import { parseSize, resolveSize } from '../sizes';
import { traceOptions, traceSpecFromFlags, traceUsage } from '../traceFlags';
import { workloadOptions, workloadSpec, workloadUsage } from '../workloadFlags';

const DEFAULT_SIZES = '0.1%,0.2%,0.5%,1%,2%,5%,10%,20%,30%,50%,75%,100%';

const usage = `Usage: cache-lab mrc [options]

Prints the LRU miss-ratio curve, hit and miss ratio at every listed cache size, from one pass over
the requests: exact (stack distances), or estimated with SHARDS sampling for large traces. Sizes
count objects.

Options:
  --sizes LIST         cache sizes: objects (10000) or shares of the distinct keys (10%)
                       (default ${DEFAULT_SIZES})
  --sample R           SHARDS: replay only keys whose hash falls in a share R of the hash space
                       (0 < R <= 1), and show each point's estimated error (default: exact)
${traceUsage}
${workloadUsage}
  --requests N         requests of the built-in workload (default 1000000)
  --seed N             seed of the workload and of SHARDS's hash (default 42)
  --json               print one JSON object
  -h, --help           show this help
`;

export const mrcCommand: CliCommand = {
  name: 'mrc',
  summary: 'print the LRU miss-ratio curve for every cache size (exact, or sampled with SHARDS)',
  run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        sizes: { type: 'string' },
        sample: { type: 'string' },
        ...traceOptions,
        ...workloadOptions,
        requests: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const seed = numberFlag('seed', values.seed, 42, 0, 2 ** 32 - 1, true);
    const sample = values.sample === undefined ? undefined : numberFlag('sample', values.sample, 1, Number.MIN_VALUE, 1);
    const sizes = listFlag('sizes', values.sizes ?? DEFAULT_SIZES).map(parseSize);
    const trace = traceSpecFromFlags(values);
    let source: RequestSource;
    if (trace) {
      const ignored = [...Object.keys(workloadOptions), 'requests'].find((name) => values[name as keyof typeof values] !== undefined);
      if (ignored) throw new UsageError(`--${ignored} does not apply to a trace (--trace replays the file's requests)`);
      source = openTrace(trace, fileProgress(io, `reading ${trace.path}`));
    } else {
      source = workloadSource(workloadSpec(values), seed, numberFlag('requests', values.requests, 1_000_000, 1, Number.MAX_SAFE_INTEGER, true));
    }
    try {
      const started = performance.now();
      const progress = fileProgress(io, 'replaying');
      const options = progress ? { onProgress: progress } : {};
      const curve = sample === undefined ? exactLruMrc(source, options) : shardsMrc(source, { ...options, rate: sample, seed });
      const seconds = (performance.now() - started) / 1000;
      const points = sizes.map((size) => {
        const capacity = Math.min(curve.keys, resolveSize(size, curve.keys));
        const hitRatio = hitRatioAt(curve, capacity);
        return { size: capacity, hitRatio, missRatio: 1 - hitRatio, error: errorAt(curve, capacity) };
      });
      if (values.json) {
        const { requests, sampledRequests, sampleRate, keys } = curve;
        io.stdout(JSON.stringify({ source: source.name, requests, keys, sampleRate, sampledRequests, seconds, points }, null, 2) + '\n');
        return 0;
      }
      const count = new Intl.NumberFormat('en-US');
      const percent = (ratio: number): string => `${(ratio * 100).toFixed(2)}%`;
      const sampled = curve.sampleRate < 1;
      const headers = ['size', 'share of keys', 'hit ratio', 'miss ratio', ...(sampled ? ['± error'] : [])];
      const rows = points.map((p) => [
        count.format(p.size),
        percent(p.size / curve.keys),
        percent(p.hitRatio),
        percent(p.missRatio),
        ...(sampled ? [percent(p.error)] : []),
      ]);
      io.stdout(
        `${source.name}: ${count.format(curve.requests)} requests over ${count.format(curve.keys)} keys; ` +
          (sampled ? `SHARDS at rate ${curve.sampleRate} (${count.format(curve.sampledRequests)} requests replayed)` : 'exact') +
          `, ${seconds.toFixed(2)} s\n\n` +
          formatTable(headers, rows, headers.map(() => true)),
      );
    } finally {
      source.close();
    }
    return 0;
  },
};
