import '../common/elements';
import {
  hostToCompareSchema,
  parseMessage,
  type Catalog,
  type CompareSettings,
  type CompareToHost,
  type HostToCompare,
} from '../../src/shared/protocol';
import { themedChart, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import type { VscodeButton, VscodeProgressBar } from '../common/elements';
import { formatCount, formatPercent } from '../common/format';
import { connectHost } from '../common/host';
import type { ThemeColors } from '../common/theme';
import { createRunControls } from '../common/runControls';
import { createCompareForm, type CompareForm } from './form';

type ResultMessage = Extract<HostToCompare, { type: 'result' }>;
type Row = ResultMessage['comparison']['rows'][number];

interface SavedState {
  readonly settings?: CompareSettings;
  readonly result?: ResultMessage;
}

const host = connectHost<CompareToHost, HostToCompare, SavedState>(hostToCompareSchema);
const app = document.getElementById('app')!;

const controls = createRunControls<CompareSettings>({
  id: 'run-comparison',
  label: 'Compare',
  read: () => form?.read(),
  onRun: (settings) => host.post({ type: 'run', settings }),
  onCancel: () => host.post({ type: 'cancel' }),
  onRunningChange: (running) => {
    progressBar.hidden = !running;
    progressBar.indeterminate = true;
  },
});
const status = controls.status;
const progressBar = h('vscode-progress-bar', { id: 'progress', hidden: true }) as VscodeProgressBar;
const exportButton = h('vscode-button', { id: 'export-csv', secondary: true, icon: 'export' }, 'Export CSV') as VscodeButton;
const summary = h('p', { class: 'explain', id: 'summary' });
const chartCanvas = h('canvas', { id: 'compare-chart', role: 'img', 'aria-label': 'Hit ratio against cache size, one line per policy; the same numbers are in the table below.' });
const table = h('table', { id: 'comparison-table', class: 'data sortable' });
const curveTable = h('table', { id: 'lru-curve-table', class: 'data' });
const curveDetails = h('details', { class: 'table-details', hidden: true }, h('summary', {}, 'Show the LRU curve as a table'), curveTable);
const results = h('section', { class: 'results', 'aria-label': 'Results', hidden: true },
  summary,
  h('h2', {}, 'Hit ratio against cache size'),
  h('div', { class: 'chart-box' }, chartCanvas),
  curveDetails,
  h('div', { class: 'table-header' }, h('h2', {}, 'Every run'), exportButton),
  table);

let catalog: Catalog | undefined;
let form: CompareForm | undefined;
let shown: ResultMessage | undefined = savedResult();
let chart: ThemedChart | undefined;
/** Table order: a column and a direction; the default puts the best hit ratio first within each size. */
let sort: { column: keyof Row; descending: boolean } = { column: 'sizePercent', descending: false };

function savedResult(): ResultMessage | undefined {
  const parsed = parseMessage(hostToCompareSchema, host.savedState?.result);
  return parsed.ok && parsed.message.type === 'result' ? parsed.message : undefined;
}

function policyLabel(id: string): string {
  return catalog?.policies.find((policy) => policy.id === id)?.label ?? id;
}

const COLUMNS: readonly { key: keyof Row; label: string; numeric: boolean; format: (row: Row, sized: boolean) => string }[] = [
  { key: 'policy', label: 'Policy', numeric: false, format: (row) => policyLabel(row.policy) },
  { key: 'sizePercent', label: 'Size', numeric: true, format: (row) => `${row.sizePercent}%` },
  { key: 'capacity', label: 'Capacity', numeric: true, format: (row, sized) => `${formatCount(row.capacity)}${sized ? ' B' : ''}` },
  { key: 'hitRatio', label: 'Hit ratio', numeric: true, format: (row) => formatPercent(row.hitRatio) },
  { key: 'byteHitRatio', label: 'Byte hit ratio', numeric: true, format: (row) => formatPercent(row.byteHitRatio) },
  { key: 'evictions', label: 'Evictions', numeric: true, format: (row) => formatCount(row.evictions) },
  { key: 'oomErrors', label: 'OOM errors', numeric: true, format: (row) => formatCount(row.oomErrors) },
  { key: 'seconds', label: 'Seconds', numeric: true, format: (row) => row.seconds.toFixed(3) },
];

function sortedRows(rows: readonly Row[]): Row[] {
  const { column, descending } = sort;
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    // Ties (the same size) keep the best hit ratio first.
    return (descending ? -order : order) || b.hitRatio - a.hitRatio;
  });
}

function renderTable(message: ResultMessage): void {
  const { comparison } = message;
  const columns = COLUMNS.filter((c) => (c.key !== 'byteHitRatio' || comparison.sized) && (c.key !== 'oomErrors' || comparison.rows.some((r) => r.oomErrors > 0)));
  const best = new Map<number, number>();
  for (const row of comparison.rows) best.set(row.sizePercent, Math.max(best.get(row.sizePercent) ?? 0, row.hitRatio));
  const header = h('tr', {}, ...columns.map((c) => {
    const active = sort.column === c.key;
    const button = h('button', { class: 'sort', type: 'button', 'data-column': c.key }, c.label, active ? (sort.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      sort = { column: c.key, descending: active ? !sort.descending : c.numeric && c.key !== 'sizePercent' && c.key !== 'capacity' };
      renderTable(message);
    });
    return h('th', { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : undefined }, button);
  }));
  const rows = sortedRows(comparison.rows).map((row) =>
    h('tr', { class: row.hitRatio === best.get(row.sizePercent) ? 'best' : undefined, 'data-policy': row.policy, 'data-size': row.sizePercent },
      ...columns.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c.format(row, comparison.sized)) : h('td', { 'data-value': String(row[c.key]) }, c.format(row, comparison.sized))))));
  replaceChildren(table,
    h('caption', {}, 'Sort by any column; the best hit ratio at each size is marked.'),
    h('thead', {}, header),
    h('tbody', {}, ...rows));
}

function render(message: ResultMessage): void {
  const { comparison, settings } = message;
  results.hidden = false;
  const unit = comparison.sized ? 'bytes' : 'objects';
  const totalSeconds = comparison.rows.reduce((sum, row) => sum + row.seconds, 0);
  summary.textContent =
    `${formatCount(comparison.requests)} requests from ${comparison.source}, ${formatCount(comparison.keys)} distinct keys ` +
    `(working set ${formatCount(comparison.workingSet)} ${unit}). ${settings.policies.length} policies × ${comparison.sizePercents.length} sizes ` +
    `replayed in ${totalSeconds.toFixed(2)} s.`;
  renderTable(message);
  renderCurveTable(comparison.lruCurve);
  if (chart) chart.refresh();
  else chart = themedChart(chartCanvas, chartConfig);
}

type LruCurve = NonNullable<ResultMessage['comparison']['lruCurve']>;

function renderCurveTable(curve: LruCurve | null): void {
  curveDetails.hidden = curve === null;
  if (!curve) return;
  const sampled = curve.sampleRate < 1;
  replaceChildren(curveTable,
    h('caption', {}, sampled ? `LRU hit ratio by cache size, estimated with SHARDS at rate ${curve.sampleRate}` : 'LRU hit ratio by cache size, exact'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'Hit ratio'), sampled ? h('th', { scope: 'col' }, '± error') : null)),
    h('tbody', {}, ...curve.sizePercents.map((percent, i) => h('tr', {},
      h('th', { scope: 'row' }, `${percent < 1 ? percent.toFixed(2) : percent.toFixed(1)}%`),
      h('td', {}, formatPercent(curve.hitRatios[i]!)),
      sampled ? h('td', {}, formatPercent(curve.errors[i]!)) : null))));
}

/** The LRU miss-ratio curve as a thin dashed line under the policies' points. */
function lruCurveDataset(curve: LruCurve, colors: ThemeColors) {
  const label = curve.sampleRate === 1 ? 'LRU, every size (exact curve)' : `LRU, every size (SHARDS at ${curve.sampleRate})`;
  return {
    label,
    data: curve.sizePercents.map((percent, i) => ({ x: percent, y: curve.hitRatios[i]! * 100 })),
    borderColor: colors.muted,
    backgroundColor: colors.muted,
    borderDash: [4, 4],
    borderWidth: 1.5,
    pointRadius: 0,
    tension: 0,
  };
}

function chartConfig(colors: ThemeColors) {
  const comparison = shown?.comparison;
  const policies = shown?.settings.policies ?? [];
  return {
    type: 'line' as const,
    data: {
      datasets: [...(comparison?.lruCurve ? [lruCurveDataset(comparison.lruCurve, colors)] : []), ...policies.map((policy, i) => ({
        label: policyLabel(policy),
        data: (comparison?.rows ?? []).filter((row) => row.policy === policy).map((row) => ({ x: row.sizePercent, y: row.hitRatio * 100 })),
        borderColor: colors.series[i % colors.series.length],
        backgroundColor: colors.series[i % colors.series.length],
        borderDash: i >= colors.series.length ? [6, 3] : [],
        pointRadius: 3,
        borderWidth: 2,
        tension: 0.15,
      }))],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest' as const, intersect: false },
      scales: {
        x: { type: 'logarithmic' as const, title: { display: true, text: 'Cache size (% of the working set, log scale)' }, ticks: { callback: (v: string | number) => `${v}%` } },
        y: { min: 0, max: 100, title: { display: true, text: 'Hit ratio (%)' }, ticks: { callback: (v: string | number) => `${v}%` } },
      },
      plugins: {
        legend: { position: 'bottom' as const, labels: { usePointStyle: true, boxHeight: 6 } },
        tooltip: { callbacks: { label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) => `${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(2)}%` } },
      },
    },
  };
}

function start(initCatalog: Catalog, settings: CompareSettings): void {
  catalog = initCatalog;
  form = createCompareForm(initCatalog, host.savedState?.settings ?? settings);
  form.onChange(() => {
    controls.update();
    const read = form!.read();
    if (read.ok) host.saveState({ ...host.savedState, settings: read.settings });
  });
  form.onBrowse(() => host.post({ type: 'pickTrace' }));
  replaceChildren(app,
    h('header', {}, h('h1', {}, 'Compare Eviction Policies'),
      h('p', { class: 'muted' }, 'Replay the same requests through every policy at every size. Seeded and exact: the CLI gives the same numbers.')),
    h('div', { class: 'lab' },
      h('section', { class: 'controls', 'aria-label': 'Comparison' }, form.element, ...controls.elements, progressBar),
      results));
  status.textContent = '';
  controls.update();
  if (shown) render(shown);
}

exportButton.addEventListener('click', () => {
  if (shown) host.post({ type: 'exportCsv', comparison: shown.comparison });
});

host.listen((message) => {
  if (controls.handle(message)) return;
  switch (message.type) {
    case 'init':
      start(message.catalog, message.settings);
      break;
    case 'tracePicked':
      form?.setTracePath(message.path);
      break;
    case 'progress':
      progressBar.indeterminate = false;
      progressBar.value = message.total === 0 ? 1 : message.done / message.total;
      status.textContent = message.stage === 'reading'
        ? `Reading the trace: ${Math.floor((message.done / Math.max(1, message.total)) * 100)}%…`
        : `${message.done} of ${message.total} runs done…`;
      break;
    case 'result':
      controls.setRunning(false);
      status.textContent = `${message.comparison.rows.length} runs compared.`;
      shown = message;
      render(message);
      host.saveState({ settings: message.settings, result: message });
      break;
    case 'exported':
      status.textContent = `Saved ${message.path}.`;
      break;
  }
}, controls.showError);

replaceChildren(app, status);
host.post({ type: 'ready' });
