import '../common/elements';
import { hostToStrategiesSchema, strategySettingsSchema, type CatalogEntry, type StrategyComparison, type StrategySettings } from '../../src/shared/protocol';
import { themedChart, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import type { VscodeCheckbox, VscodeTextfield } from '../common/elements';
import { field, numberValue, readForm, textfield } from '../common/fields';
import { formatCount, formatPercent } from '../common/format';
import { startSimulationPage, type SimulationForm, type SimulationResult } from '../common/simulationPage';
import type { ThemeColors } from '../common/theme';

type ResultMessage = SimulationResult<StrategySettings, StrategyComparison>;

const LABELS: Record<string, string> = {
  strategies: 'Strategies',
  keys: 'Keys',
  alpha: 'Zipf alpha',
  writePercent: 'Writes',
  rate: 'Request rate',
  requests: 'Requests',
  concurrency: 'App workers',
  ttl: 'TTL',
  cacheLatency: 'Cache latency',
  dbLatency: 'DB latency',
  dbConnections: 'DB connections',
  crashAt: 'Cache crash at',
  lostInvalidationPercent: 'Lost DELs',
  duplicatedInvalidationPercent: 'Duplicated DELs',
  flushInterval: 'Flush interval',
  batchSize: 'Batch size',
  refreshThreshold: 'Refresh threshold',
  seed: 'Seed',
};

let shown: ResultMessage | undefined;
let chart: ThemedChart<'bar'> | undefined;
const summary = h('p', { class: 'explain', id: 'strategies-summary' });
const tradeoffTable = h('table', { id: 'tradeoffs', class: 'data text-cells' });
const metricsTable = h('table', { id: 'strategy-metrics', class: 'data' });
const chartCanvas = h('canvas', { id: 'strategies-chart', role: 'img', 'aria-label': 'Read and write latency per strategy, p50 and p99; the same numbers are in the table below.' });
const results = h('section', { class: 'results', 'aria-label': 'Results', hidden: true },
  summary,
  h('h2', {}, 'The trade-offs, measured'),
  tradeoffTable,
  h('h2', {}, 'Latency (ms, log scale)'),
  h('div', { class: 'chart-box' }, chartCanvas),
  h('h2', {}, 'Every figure'),
  h('div', { class: 'scroll-x' }, metricsTable));

/** The form: numbers as text fields, the strategies as checkboxes; reads into checked settings. */
function createForm(strategies: readonly CatalogEntry[], initial: StrategySettings): SimulationForm<StrategySettings> {
  const number = (id: string, value: number | null, attributes: Record<string, string | number> = {}): VscodeTextfield =>
    textfield(id, value === null ? '' : value, attributes);
  const keys = number('keys', initial.keys, { min: 1 });
  const alpha = number('alpha', initial.alpha, { min: 0, max: 5, step: 0.1 });
  const writePercent = number('write-percent', initial.writePercent, { min: 0, max: 100 });
  const rate = number('rate', initial.rate, { min: 1 });
  const requests = number('requests', initial.requests, { min: 1 });
  const concurrency = number('concurrency', initial.concurrency, { min: 1 });
  const ttl = number('ttl', initial.ttl, { min: 0 });
  const cacheMedian = number('cache-median', initial.cacheLatency.medianMs, { min: 0, step: 0.1 });
  const cacheP99 = number('cache-p99', initial.cacheLatency.p99Ms, { min: 0, step: 0.1 });
  const dbMedian = number('db-median', initial.dbLatency.medianMs, { min: 0, step: 0.1 });
  const dbP99 = number('db-p99', initial.dbLatency.p99Ms, { min: 0, step: 0.1 });
  const dbConnections = number('db-connections', initial.dbConnections, { min: 1 });
  const crashAt = number('crash-at', initial.crashAt, { min: 0 });
  const lostDeletes = number('lost-invalidations', initial.lostInvalidationPercent, { min: 0, max: 100 });
  const duplicatedDeletes = number('duplicated-invalidations', initial.duplicatedInvalidationPercent, { min: 0, max: 100 });
  const flushInterval = number('flush-interval', initial.flushInterval, { min: 0, step: 0.1 });
  const batchSize = number('batch-size', initial.batchSize, { min: 1 });
  const refreshThreshold = number('refresh-threshold', initial.refreshThreshold, { min: 0, max: 0.99, step: 0.05 });
  const seed = number('seed', initial.seed, { min: 0 });
  const boxes = strategies.map((s) =>
    h('vscode-checkbox', { id: `strategy-${s.id}`, label: s.label, value: s.id, title: s.description, checked: initial.strategies.includes(s.id) }) as VscodeCheckbox);
  /** An empty field means "none" for the TTL and the crash. */
  const optional = (control: VscodeTextfield): number | null => (String(control.value ?? '').trim() === '' ? null : numberValue(control));

  const read = () => readForm(strategySettingsSchema, {
    strategies: boxes.filter((box) => box.checked).map((box) => box.value),
    keys: numberValue(keys),
    alpha: numberValue(alpha),
    writePercent: numberValue(writePercent),
    rate: numberValue(rate),
    requests: numberValue(requests),
    concurrency: numberValue(concurrency),
    ttl: optional(ttl),
    cacheLatency: { medianMs: numberValue(cacheMedian), p99Ms: numberValue(cacheP99) },
    dbLatency: { medianMs: numberValue(dbMedian), p99Ms: numberValue(dbP99) },
    dbConnections: numberValue(dbConnections),
    crashAt: optional(crashAt),
    lostInvalidationPercent: numberValue(lostDeletes),
    duplicatedInvalidationPercent: numberValue(duplicatedDeletes),
    flushInterval: numberValue(flushInterval),
    batchSize: numberValue(batchSize),
    refreshThreshold: numberValue(refreshThreshold),
    seed: numberValue(seed),
  }, LABELS);

  const element = h('div', { class: 'form' },
    h('fieldset', { class: 'compare' }, h('legend', {}, 'Strategies'), ...boxes),
    h('div', { class: 'row' }, field('write-percent', 'Writes (%)', writePercent), field('rate', 'Requests per second', rate), field('requests', 'Requests', requests)),
    h('div', { class: 'row' }, field('keys', 'Keys', keys), field('alpha', 'Zipf alpha', alpha), field('concurrency', 'App workers', concurrency)),
    h('div', { class: 'row' }, field('ttl', 'TTL (s, empty: none)', ttl), field('crash-at', 'Cache crash at (s, empty: none)', crashAt)),
    h('div', { class: 'row' }, field('lost-invalidations', 'Lost DELs (%)', lostDeletes), field('duplicated-invalidations', 'Duplicated DELs (%)', duplicatedDeletes)),
    h('div', { class: 'row' }, field('cache-median', 'Cache median (ms)', cacheMedian), field('cache-p99', 'Cache p99 (ms)', cacheP99)),
    h('div', { class: 'row' }, field('db-median', 'DB median (ms)', dbMedian), field('db-p99', 'DB p99 (ms)', dbP99), field('db-connections', 'DB connections', dbConnections)),
    h('div', { class: 'row' }, field('flush-interval', 'Write-behind flush (s)', flushInterval), field('batch-size', 'Write-behind batch', batchSize),
      field('refresh-threshold', 'Refresh-ahead threshold', refreshThreshold)),
    h('div', { class: 'row' }, field('seed', 'Seed', seed)));
  return { element, read };
}

function renderTables(message: ResultMessage): void {
  const { results: rows, tradeoffs } = message.outcome;
  replaceChildren(tradeoffTable,
    h('caption', {}, 'The columns study guides print, filled in from this simulation.'),
    h('thead', {}, h('tr', {}, ...['Strategy', 'Write latency (p50)', 'Stale data', 'Warm on write', 'Data loss'].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...tradeoffs.map((t) => h('tr', { 'data-strategy': t.strategy },
      h('th', { scope: 'row' }, t.label), h('td', {}, t.writeLatency), h('td', {}, t.staleData), h('td', {}, t.warmOnWrite), h('td', {}, t.dataLoss)))));
  const ms = (value: number): string => value.toFixed(2);
  const columns: readonly [string, (r: (typeof rows)[number]) => string, (r: (typeof rows)[number]) => number][] = [
    ['Hit ratio', (r) => formatPercent(r.hitRatio), (r) => r.hitRatio],
    ['DB reads', (r) => formatCount(r.dbReads), (r) => r.dbReads],
    ['DB writes', (r) => formatCount(r.dbWrites), (r) => r.dbWrites],
    ['Read p50 ms', (r) => ms(r.readLatency.p50), (r) => r.readLatency.p50],
    ['Read p99 ms', (r) => ms(r.readLatency.p99), (r) => r.readLatency.p99],
    ['Write p50 ms', (r) => ms(r.writeLatency.p50), (r) => r.writeLatency.p50],
    ['Write p99 ms', (r) => ms(r.writeLatency.p99), (r) => r.writeLatency.p99],
    ['Stale reads', (r) => formatCount(r.staleReads), (r) => r.staleReads],
    ['Longest stale ms', (r) => formatCount(r.longestStaleMs), (r) => r.longestStaleMs],
    ['Lost writes', (r) => formatCount(r.lostWrites), (r) => r.lostWrites],
    ['Peak DB queries', (r) => formatCount(r.peakDbConcurrency), (r) => r.peakDbConcurrency],
    ['Lost DELs', (r) => formatCount(r.lostInvalidations), (r) => r.lostInvalidations],
  ];
  replaceChildren(metricsTable,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Strategy'), ...columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-strategy': r.strategy }, h('th', { scope: 'row' }, r.label),
      ...columns.map(([, format, value]) => h('td', { 'data-value': String(value(r)) }, format(r)))))));
}

function chartConfig(colors: ThemeColors) {
  const rows = shown?.outcome.results ?? [];
  const series = [
    { label: 'Read p50', value: (r: (typeof rows)[number]) => r.readLatency.p50 },
    { label: 'Read p99', value: (r: (typeof rows)[number]) => r.readLatency.p99 },
    { label: 'Write p50', value: (r: (typeof rows)[number]) => r.writeLatency.p50 },
    { label: 'Write p99', value: (r: (typeof rows)[number]) => r.writeLatency.p99 },
  ];
  return {
    type: 'bar' as const,
    data: {
      labels: rows.map((r) => r.label),
      datasets: series.map((s, i) => ({ label: s.label, data: rows.map((r) => Math.max(0.01, s.value(r))), backgroundColor: colors.series[i % colors.series.length] })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { type: 'logarithmic' as const, title: { display: true, text: 'milliseconds' } } },
      plugins: { legend: { position: 'bottom' as const } },
    },
  };
}

function render(message: ResultMessage): void {
  shown = message;
  const { settings } = message;
  summary.textContent =
    `${formatCount(settings.requests)} requests, ${settings.writePercent}% writes, Zipf(${settings.alpha}) over ${formatCount(settings.keys)} keys at ${formatCount(settings.rate)} a second; ` +
    `TTL ${settings.ttl === null ? 'none' : `${settings.ttl} s`}; ${settings.crashAt === null ? 'no crash' : `the cache node crashes at ${settings.crashAt} s`}. ` +
    'Every strategy sees the same requests and latencies.';
  renderTables(message);
  if (chart) chart.refresh();
  else chart = themedChart(chartCanvas, chartConfig);
}

startSimulationPage({
  schema: hostToStrategiesSchema,
  settingsSchema: strategySettingsSchema,
  title: 'Compare Write Strategies',
  description: 'Cache-aside, read-through, write-through, write-behind, write-around and refresh-ahead on one seeded workload, with latencies, a DB connection pool and a cache crash.',
  formLabel: 'Workload',
  run: { id: 'run-strategies', label: 'Simulate' },
  createForm,
  results,
  render,
  done: (outcome) => `${outcome.results.length} strategies simulated.`,
});
