import '../common/elements';
import { hostToLabSchema, parseMessage, type Catalog, type HostToLab, type LabSettings, type LabToHost } from '../../src/shared/protocol';
import { themedChart, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import { formatCount, formatPercent, formatRate } from '../common/format';
import { connectHost } from '../common/host';
import { statTile } from '../common/stats';
import type { ThemeColors } from '../common/theme';
import { createRunControls } from '../common/runControls';
import { createLabForm, type LabForm } from './form';

type ResultMessage = Extract<HostToLab, { type: 'result' }>;

/** What the panel keeps across reloads: the settings and the last result shown. */
interface SavedState {
  readonly settings?: LabSettings;
  readonly result?: ResultMessage;
}

const host = connectHost<LabToHost, HostToLab, SavedState>(hostToLabSchema);
const app = document.getElementById('app')!;

const controls = createRunControls<LabSettings>({
  id: 'send-requests',
  label: 'Send requests',
  read: () => form?.read(),
  onRun: (settings) => host.post({ type: 'run', settings }),
  onCancel: () => host.post({ type: 'cancel' }),
});
const status = controls.status;

const tiles = {
  hits: statTile('hits', 'Hits'),
  dbQueries: statTile('db-queries', 'DB queries (misses)'),
  hitRate: statTile('hit-rate', 'Hit rate'),
  missRate: statTile('miss-rate', 'Miss rate'),
  dbLoad: statTile('db-load', 'DB load (% of traffic)'),
  dbQps: statTile('db-qps', 'DB queries per second'),
};
const dbLine = h('p', { class: 'explain' });
const tenfoldLine = h('p', { class: 'explain muted' });
const curveCanvas = h('canvas', { id: 'curve-chart', role: 'img', 'aria-label': 'Hit rate against cache size, one line per policy; the same numbers are in the table below.' });
const curveTable = h('table', { id: 'curve-table', class: 'data' });
const requestLog = h('table', { id: 'request-log', class: 'data' });
const results = h(
  'section',
  { class: 'results', 'aria-label': 'Results', hidden: true },
  h('div', { class: 'tiles' }, ...Object.values(tiles).map((tile) => tile.element)),
  dbLine,
  tenfoldLine,
  h('h2', {}, 'Hit rate against cache size'),
  h('div', { class: 'chart-box' }, curveCanvas),
  h('details', { class: 'table-details' }, h('summary', {}, 'Show the curve as a table'), curveTable),
  h('h2', {}, 'Request log'),
  h('div', { class: 'log-box' }, requestLog),
);

let catalog: Catalog | undefined;
let form: LabForm | undefined;
let shown: ResultMessage | undefined = validSavedResult();
let chart: ThemedChart | undefined;

function validSavedResult(): ResultMessage | undefined {
  const parsed = parseMessage(hostToLabSchema, host.savedState?.result);
  return parsed.ok && parsed.message.type === 'result' ? parsed.message : undefined;
}

function policyLabel(id: string): string {
  return catalog?.policies.find((policy) => policy.id === id)?.label ?? id;
}

function renderResult(message: ResultMessage): void {
  const { result, settings, curve } = message;
  results.hidden = false;
  const missRatio = result.requests === 0 ? 0 : result.misses / result.requests;
  const dbQps = settings.requestRate * missRatio;
  tiles.hits.set(result.hits, formatCount(result.hits));
  tiles.dbQueries.set(result.misses, formatCount(result.misses));
  tiles.hitRate.set(result.hitRatio, formatPercent(result.hitRatio));
  tiles.missRate.set(missRatio, formatPercent(missRatio));
  tiles.dbLoad.set(missRatio, formatPercent(missRatio));
  tiles.dbQps.set(dbQps, formatRate(dbQps));
  dbLine.textContent =
    `${policyLabel(result.policy)} with room for ${formatCount(result.capacity)} of ${formatCount(settings.workload.keys)} keys: ` +
    `at ${formatRate(settings.requestRate)} requests, ${formatRate(dbQps)} queries reach the database.`;
  tenfoldLine.textContent =
    `At 90% hits the database would take ${formatRate(settings.requestRate * 0.1)}; at 99%, ${formatRate(settings.requestRate * 0.01)}: ` +
    'nine more points of hit rate, ten times less database load.';

  const header = h('tr', {}, h('th', { scope: 'col' }, 'Cache size'), h('th', { scope: 'col' }, 'Objects'),
    ...curve.series.map((series) => h('th', { scope: 'col' }, policyLabel(series.policy))));
  const rows = curve.sizePercents.map((percent, i) =>
    h('tr', { class: percent === settings.sizePercent ? 'current' : undefined },
      h('th', { scope: 'row' }, `${percent}%`),
      h('td', {}, formatCount(curve.capacities[i]!)),
      ...curve.series.map((series) => h('td', {}, formatPercent(series.hitRatios[i]!)))));
  replaceChildren(curveTable, h('caption', {}, `Hit rate by cache size over ${formatCount(settings.requests)} requests, seed ${settings.seed}`),
    h('thead', {}, header), h('tbody', {}, ...rows));

  const logRows = [...result.requestLog].reverse().map((entry) =>
    h('tr', {},
      h('td', {}, formatCount(entry.index + 1)),
      h('td', {}, `key ${entry.key}`),
      h('td', {}, h('span', { class: entry.hit ? 'badge hit' : 'badge miss' }, entry.hit ? 'HIT' : entry.expired ? 'MISS (expired)' : 'MISS')),
      h('td', {}, entry.evicted.length ? entry.evicted.map((key) => `key ${key}`).join(', ') : '—')));
  replaceChildren(requestLog,
    h('caption', {}, `The last ${formatCount(result.requestLog.length)} of ${formatCount(result.requests)} requests, newest first`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Result'), h('th', { scope: 'col' }, 'Evicted'))),
    h('tbody', {}, ...logRows));

  if (chart) chart.refresh();
  else chart = themedChart(curveCanvas, curveChartConfig);
}

function curveChartConfig(colors: ThemeColors) {
  const message = shown;
  const series = message?.curve.series ?? [];
  const sizePercents = message?.curve.sizePercents ?? [];
  const current = message?.settings.sizePercent ?? 0;
  return {
    type: 'line' as const,
    data: {
      datasets: [
        ...series.map((s, i) => ({
          label: policyLabel(s.policy),
          data: s.hitRatios.map((ratio, j) => ({ x: sizePercents[j]!, y: ratio * 100 })),
          borderColor: colors.series[i % colors.series.length],
          backgroundColor: colors.series[i % colors.series.length],
          pointRadius: 2,
          borderWidth: 2,
          tension: 0.2,
        })),
        {
          label: `Current size (${current}%)`,
          data: [{ x: current, y: 0 }, { x: current, y: 100 }],
          borderColor: colors.muted,
          backgroundColor: colors.muted,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest' as const, intersect: false },
      scales: {
        x: { type: 'linear' as const, min: 0, max: 100, title: { display: true, text: 'Cache size (% of the working set)' }, ticks: { callback: (v: string | number) => `${v}%` } },
        y: { min: 0, max: 100, title: { display: true, text: 'Hit rate (%)' }, ticks: { callback: (v: string | number) => `${v}%` } },
      },
      plugins: {
        legend: { position: 'bottom' as const, labels: { usePointStyle: true, boxHeight: 6 } },
        tooltip: { callbacks: { label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) => `${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(2)}%` } },
      },
    },
  };
}

function show(message: ResultMessage): void {
  shown = message;
  renderResult(message);
}

function start(initCatalog: Catalog, settings: LabSettings): void {
  catalog = initCatalog;
  const initial = host.savedState?.settings ?? settings;
  form = createLabForm(initCatalog, initial);
  form.onChange(() => {
    controls.update();
    const read = form!.read();
    if (read.ok) host.saveState({ ...host.savedState, settings: read.settings, ...(shown ? { result: shown } : {}) });
  });
  replaceChildren(
    app,
    h('header', {}, h('h1', {}, 'Hit Rate Lab'),
      h('p', { class: 'muted' }, 'Replay a workload through a cache and see what reaches the database. Every number is simulated, seeded and repeatable.')),
    h('div', { class: 'lab' },
      h('section', { class: 'controls', 'aria-label': 'Scenario' }, form.element, ...controls.elements),
      results),
  );
  status.textContent = '';
  controls.update();
  if (shown) renderResult(shown);
}

host.listen((message) => {
  if (controls.handle(message)) return;
  switch (message.type) {
    case 'init':
      start(message.catalog, message.settings);
      break;
    case 'result':
      controls.setRunning(false);
      status.textContent = `${formatCount(message.result.requests)} requests simulated.`;
      show(message);
      host.saveState({ settings: message.settings, result: message });
      break;
  }
}, controls.showError);

replaceChildren(app, status);
host.post({ type: 'ready' });
