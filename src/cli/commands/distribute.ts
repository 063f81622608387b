import { parseArgs } from 'node:util';
import { schemes } from '../../sim/distribution';
import { defaultDistributionConfig, distribute, type DistributionConfig, type SchemeDistribution } from '../../sim/distribution/distribute';
import { formatTable, UsageError, wrapList, type CliCommand } from '../io';
import { listFlag, numberFlag } from '../options';

const d = defaultDistributionConfig;

const usage = `Usage: cache-lab distribute [options]

Spreads keys over cache nodes with each scheme and prints keys and requests per node (max/mean,
coefficient of variation), then what adding or removing nodes moves.

Options:
  --scheme LIST        comma-separated (default all):
${wrapList(schemes.map((s) => s.id), 23)}
  --nodes N            nodes before the change (default ${d.nodes})
  --vnodes K           ring points per node for ring and bounded (default ${d.vnodes}, as ketama)
  --load-factor E      bounded loads' epsilon: at most ceil((1 + E) x mean) keys per node (default ${d.loadFactor})
  --weights LIST       one relative weight per node (ring, rendezvous and bounded)
  --keys N             keys named key:0, key:1, ... (default ${d.keys})
  --requests N         Zipf requests over the keys, to count load by traffic; 0 for none (default ${d.requests})
  --alpha A            the Zipf exponent (default ${d.alpha})
  --add N              N nodes join (default ${d.change})
  --remove N           instead, the last N nodes leave (jump hash can only lose its last buckets)
  --seed N             seed of the request stream (default ${d.seed})
  --json               print one JSON object
  -h, --help           show this help
`;

export const distributeCommand: CliCommand = {
  name: 'distribute',
  summary: 'keys over nodes by modulo, ring, jump, rendezvous, bounded loads or Redis Cluster slots',
  run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        scheme: { type: 'string' },
        nodes: { type: 'string' },
        vnodes: { type: 'string' },
        'load-factor': { type: 'string' },
        weights: { type: 'string' },
        keys: { type: 'string' },
        requests: { type: 'string' },
        alpha: { type: 'string' },
        add: { type: 'string' },
        remove: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    if (values.add !== undefined && values.remove !== undefined) throw new UsageError('give --add or --remove, not both');
    const nodes = numberFlag('nodes', values.nodes, d.nodes, 1, 10_000, true);
    const config: DistributionConfig = {
      schemes: values.scheme === undefined ? d.schemes : listFlag('scheme', values.scheme),
      nodes,
      vnodes: numberFlag('vnodes', values.vnodes, d.vnodes, 1, 100_000, true),
      loadFactor: numberFlag('load-factor', values['load-factor'], d.loadFactor, Number.MIN_VALUE, 100),
      ...(values.weights === undefined ? {} : { weights: listFlag('weights', values.weights).map((w) => numberFlag('weights', w, 1, Number.MIN_VALUE, 1_000_000)) }),
      keys: numberFlag('keys', values.keys, d.keys, 1, 10_000_000, true),
      requests: numberFlag('requests', values.requests, d.requests, 0, 100_000_000, true),
      alpha: numberFlag('alpha', values.alpha, d.alpha, 0, 5),
      seed: numberFlag('seed', values.seed, d.seed, 0, 2 ** 32 - 1, true),
      change: values.remove !== undefined ? -numberFlag('remove', values.remove, 1, 1, nodes - 1, true) : numberFlag('add', values.add, d.change, 0, 10_000, true),
    };
    let report;
    try {
      report = distribute(config, io.progress ? (done, total) => io.progress!(done === total ? '' : `distribute: ${done} of ${total} schemes`) : undefined);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.json) {
      io.stdout(JSON.stringify({ config, ...report }, null, 2) + '\n');
      return 0;
    }
    const count = (value: number): string => value.toLocaleString('en-US');
    const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;
    const change = config.change === 0 ? '' : config.change > 0 ? `, then ${config.change} join` : `, then the last ${-config.change} leave`;
    const headers = ['scheme', 'keys max/mean', 'keys CV', ...(report.requests > 0 ? ['requests max/mean', 'requests CV'] : []), ...(config.change === 0 ? [] : ['keys moved', 'moved', 'requests moved'])];
    const row = (r: SchemeDistribution): string[] => [
      r.scheme,
      r.before.keys.maxOverMean.toFixed(3),
      r.before.keys.cv.toFixed(4),
      ...(r.before.requests ? [r.before.requests.maxOverMean.toFixed(3), r.before.requests.cv.toFixed(4)] : []),
      ...(config.change === 0 ? [] : [count(r.movedKeys), percent(r.movedFraction), report.requests > 0 ? percent(r.movedRequestFraction) : '-']),
    ];
    let text =
      `${count(report.keys)} keys over ${report.nodesBefore} nodes${change}` +
      (report.requests > 0 ? `; ${count(report.requests)} Zipf(${config.alpha}) requests` : '') +
      (config.change === 0 ? '' : `; the least any scheme can move is ${percent(report.minimumMovedFraction)}`) +
      '\n\n' +
      formatTable(headers, report.results.map(row), headers.map((_, i) => i > 0));
    if (report.results.length === 1) {
      const only = report.results[0]!;
      const nodeHeaders = ['node', 'weight', 'keys', ...(report.requests > 0 ? ['requests'] : []), ...(only.after ? ['keys after'] : [])];
      const nodeRows = (only.after ?? only.before).nodes.map((after, i) => {
        const before = only.before.nodes[i];
        return [after.name, String(after.weight), before ? count(before.keys) : '-', ...(report.requests > 0 ? [before ? count(before.requests) : '-'] : []), ...(only.after ? [count(after.keys)] : [])];
      });
      for (const [i, before] of only.before.nodes.entries()) {
        if (i >= nodeRows.length) nodeRows.push([before.name, String(before.weight), count(before.keys), ...(report.requests > 0 ? [count(before.requests)] : []), '-']);
      }
      text += '\n' + formatTable(nodeHeaders, nodeRows, nodeHeaders.map((_, i) => i > 0));
      const slots = (layout: typeof only.before): string => (layout.slots ?? []).map((r) => `  ${r.first}-${r.last}\t${r.node}`).join('\n');
      if (only.before.slots) text += `\nSlots before:\n${slots(only.before)}\n` + (only.after ? `Slots after rebalancing:\n${slots(only.after)}\n` : '');
    }
    io.stdout(text);
    return 0;
  },
};
