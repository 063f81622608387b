import '../common/elements';
import type { Chart, Plugin } from 'chart.js';
import { hostToStampedeSchema, stampedeSettingsSchema, type CatalogEntry, type StampedeOutcome, type StampedeSettings } from '../../src/shared/protocol';
import { themedChart, timelineConfig, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import type { VscodeCheckbox, VscodeSingleSelect, VscodeTextfield } from '../common/elements';
import { field, numberValue, readForm, select, selected, textfield } from '../common/fields';
import { formatCount } from '../common/format';
import { startSimulationPage, type SimulationForm, type SimulationResult } from '../common/simulationPage';
import type { ThemeColors } from '../common/theme';

type Result = StampedeOutcome['results'][number];

const LABELS: Record<string, string> = {
  protections: 'Protections',
  rate: 'Requests per second',
  clients: 'Burst size',
  ttl: 'TTL',
  delta: 'Recomputation time',
  duration: 'Duration',
  beta: 'XFetch beta',
  servers: 'App servers',
  dbConnections: 'DB connections',
  clientTimeout: 'Client timeout',
  lockTtl: 'Lock TTL',
  staleGrace: 'Stale grace',
  jitter: 'TTL jitter',
  seed: 'Seed',
};

let shown: SimulationResult<StampedeSettings, StampedeOutcome> | undefined;
let queriesChart: ThemedChart | undefined;
let latencyChart: ThemedChart | undefined;

const summary = h('p', { class: 'explain', id: 'stampede-summary' });
const summaryList = h('ul', { id: 'stampede-sentences' });
const table = h('table', { id: 'stampede-table', class: 'data' });
const queriesCanvas = h('canvas', { id: 'stampede-queries-chart', role: 'img', 'aria-label': 'DB queries per second over time, one line per protection, with the expiry instants marked; the figures are in the table.' });
const latencyCanvas = h('canvas', { id: 'stampede-latency-chart', role: 'img', 'aria-label': 'p99 client latency over time, one line per protection.' });
const results = h('section', { class: 'results', 'aria-label': 'Results', hidden: true },
  summary,
  summaryList,
  h('h2', {}, 'DB queries per second (log scale)'),
  h('div', { class: 'chart-box' }, queriesCanvas),
  h('h2', {}, 'Client latency (p99 of the requests arriving at each moment, ms, log scale)'),
  h('div', { class: 'chart-box' }, latencyCanvas),
  h('h2', {}, 'Every figure'),
  h('div', { class: 'scroll-x' }, table));

function createForm(protections: readonly CatalogEntry[], initial: StampedeSettings): SimulationForm<StampedeSettings> {
  const number = (id: string, value: number, attributes: Record<string, string | number> = {}): VscodeTextfield => textfield(id, value, attributes);
  const arrival = select('arrival', [
    { id: 'poisson', label: 'Poisson arrivals', description: 'Requests arrive at a steady random rate' },
    { id: 'burst', label: 'A burst at the expiry', description: 'Many concurrent requests the instant the key expires' },
  ], initial.arrival) as VscodeSingleSelect;
  const rate = number('rate', initial.rate, { min: 1 });
  const clients = number('clients', initial.clients, { min: 1 });
  const ttl = number('ttl', initial.ttl, { min: 1 });
  const delta = number('delta', initial.delta, { min: 0, step: 0.1 });
  const duration = number('duration', initial.duration, { min: 1 });
  const beta = number('beta', initial.beta, { min: 0, step: 0.1 });
  const servers = number('servers', initial.servers, { min: 1 });
  const dbConnections = number('db-connections', initial.dbConnections, { min: 1 });
  const clientTimeout = number('client-timeout', initial.clientTimeout, { min: 0, step: 0.5 });
  const lockTtl = number('lock-ttl', initial.lockTtl, { min: 0, step: 0.5 });
  const staleGrace = number('stale-grace', initial.staleGrace, { min: 0 });
  const jitter = number('jitter', initial.jitter, { min: 0, max: 0.99, step: 0.05 });
  const seed = number('seed', initial.seed, { min: 0 });
  const boxes = protections.map((p) =>
    h('vscode-checkbox', { id: `protection-${p.id}`, label: p.label, value: p.id, title: p.description, checked: initial.protections.includes(p.id) }) as VscodeCheckbox);
  const rateField = field('rate', 'Requests per second', rate);
  const durationField = field('duration', 'Duration (s)', duration);
  const clientsField = field('clients', 'Burst size', clients);

  const read = () => readForm(stampedeSettingsSchema, {
    protections: boxes.filter((box) => box.checked).map((box) => box.value),
    arrival: selected(arrival),
    rate: numberValue(rate),
    clients: numberValue(clients),
    ttl: numberValue(ttl),
    delta: numberValue(delta),
    duration: numberValue(duration),
    beta: numberValue(beta),
    servers: numberValue(servers),
    dbConnections: numberValue(dbConnections),
    clientTimeout: numberValue(clientTimeout),
    lockTtl: numberValue(lockTtl),
    staleGrace: numberValue(staleGrace),
    jitter: numberValue(jitter),
    seed: numberValue(seed),
  }, LABELS);
  const syncArrival = (): void => {
    const burst = selected(arrival) === 'burst';
    rateField.hidden = burst;
    durationField.hidden = burst;
    clientsField.hidden = !burst;
  };

  const element = h('div', { class: 'form' },
    h('fieldset', { class: 'compare' }, h('legend', {}, 'Protections'), ...boxes),
    h('div', { class: 'row' }, field('arrival', 'Arrivals', arrival)),
    h('div', { class: 'row' }, rateField, durationField, clientsField),
    h('div', { class: 'row' }, field('ttl', 'TTL (s)', ttl), field('delta', 'Recomputation (s)', delta)),
    h('div', { class: 'row' }, field('beta', 'XFetch beta', beta), field('lock-ttl', 'Lock TTL (s)', lockTtl)),
    h('div', { class: 'row' }, field('servers', 'App servers', servers), field('db-connections', 'DB connections', dbConnections)),
    h('div', { class: 'row' }, field('client-timeout', 'Client timeout (s)', clientTimeout), field('stale-grace', 'Stale grace (s)', staleGrace)),
    h('div', { class: 'row' }, field('jitter', 'TTL jitter', jitter), field('seed', 'Seed', seed)));
  return { element, read, sync: syncArrival };
}

const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const meanLead = (r: Result): string => (r.leads.length === 0 ? '–' : `${(r.leads.reduce((a, b) => a + b, 0) / r.leads.length).toFixed(2)} s`);

function renderTable(rows: readonly Result[]): void {
  const columns: readonly [string, (r: Result) => string, (r: Result) => number][] = [
    ['Recomputations per expiry', (r) => r.recomputationsPerExpiry.toFixed(2), (r) => r.recomputationsPerExpiry],
    ['Worst wave', (r) => formatCount(r.worstWave), (r) => r.worstWave],
    ['Peak DB queries', (r) => formatCount(r.peakDbConcurrency), (r) => r.peakDbConcurrency],
    ['p50 at expiry', (r) => ms(r.latencyDuringRefresh.p50), (r) => r.latencyDuringRefresh.p50],
    ['p99 at expiry', (r) => ms(r.latencyDuringRefresh.p99), (r) => r.latencyDuringRefresh.p99],
    ['Timeouts', (r) => formatCount(r.timeouts), (r) => r.timeouts],
    ['Stale served', (r) => formatCount(r.staleServed), (r) => r.staleServed],
    ['Early refreshes', (r) => formatCount(r.earlyRefreshes), (r) => r.earlyRefreshes],
    ['Mean lead', meanLead, (r) => (r.leads.length === 0 ? 0 : r.leads.reduce((a, b) => a + b, 0) / r.leads.length)],
  ];
  replaceChildren(table,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Protection'), ...columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-protection': r.protection }, h('th', { scope: 'row' }, r.label),
      ...columns.map(([, format, value]) => h('td', { 'data-value': String(value(r)) }, format(r)))))));
}

/** Dashed vertical lines at the instants the key expired with no refresh under way. */
function expiryMarkers(instants: readonly number[], color: string): Plugin<'line'> {
  return {
    id: 'expiryMarkers',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.setLineDash([4, 4]);
      for (const instant of instants) {
        const x = scales.x!.getPixelForValue(instant);
        if (x < chartArea.left || x > chartArea.right) continue;
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

function timeline(colors: ThemeColors, series: (r: Result) => readonly number[], yTitle: string) {
  const rows = shown?.outcome.results ?? [];
  const bucket = shown?.outcome.bucket ?? 1;
  const expiries = [...new Set(rows.flatMap((r) => r.expiries.map((t) => Math.round(t * 1000) / 1000)))];
  return {
    ...timelineConfig(colors, rows.map((r) => ({ label: r.label, points: series(r).map((y, k) => ({ x: k * bucket, y })) })), { x: 'Time (s); dashed lines: the key expired', y: yTitle, logarithmic: true }),
    plugins: [expiryMarkers(expiries, colors.muted)],
  };
}

function render(message: SimulationResult<StampedeSettings, StampedeOutcome>): void {
  shown = message;
  const { settings, outcome } = message;
  summary.textContent =
    `A hot key with a ${settings.ttl} s TTL and a ${settings.delta} s recomputation, ` +
    (settings.arrival === 'burst' ? `${formatCount(settings.clients)} requests at the expiry` : `${formatCount(settings.rate)} requests a second for ${settings.duration} s`) +
    `, ${settings.servers} app server${settings.servers === 1 ? '' : 's'}, ${formatCount(settings.dbConnections)} DB connections. Every protection sees the same requests.`;
  replaceChildren(summaryList, ...outcome.results.map((r) =>
    h('li', { 'data-protection': r.protection }, h('strong', {}, `${r.label}: `),
      `${formatCount(r.worstWave)} DB ${r.worstWave === 1 ? 'query' : 'queries'} at the worst expiry, p99 ${ms(r.latencyDuringRefresh.p99)}`,
      r.timeouts > 0 ? `, ${formatCount(r.timeouts)} timeouts` : '',
      r.staleServed > 0 ? `, ${formatCount(r.staleServed)} stale reads` : '',
      r.leads.length > 0 ? `, refreshed ${meanLead(r)} early on average` : '',
      '.')));
  renderTable(outcome.results);
  const queries = (colors: ThemeColors) => timeline(colors, (r) => r.dbQueriesPerSecond, 'DB queries per second');
  const latency = (colors: ThemeColors) => timeline(colors, (r) => r.latencyTimeline, 'p99 latency (ms)');
  queriesChart?.chart.destroy();
  latencyChart?.chart.destroy();
  queriesChart = themedChart(queriesCanvas, queries);
  latencyChart = themedChart(latencyCanvas, latency);
}

startSimulationPage({
  schema: hostToStampedeSchema,
  settingsSchema: stampedeSettingsSchema,
  title: 'Stampede Lab',
  description: 'A hot key expires and every waiting request recomputes it. Pick the protections to compare; each sees the same requests.',
  formLabel: 'Scenario',
  run: { id: 'run-stampede', label: 'Let it expire' },
  createForm,
  results,
  render,
  done: (outcome) => `${outcome.results.length} protections simulated.`,
});
