import '../common/elements';
import { hostToSidebarSchema, type Catalog, type LAB_COMMANDS, type HostToSidebar, type ScenarioSummary, type SidebarToHost } from '../../src/shared/protocol';
import { capacityForPercent } from '../../src/sim/simulate';
import type { SimulationProgress } from '../../src/sim/types';
import { themedChart, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import type { VscodeButton, VscodeProgressBar } from '../common/elements';
import { formatCount, formatPercent, formatRate } from '../common/format';
import { connectHost } from '../common/host';
import { statTile } from '../common/stats';

const host = connectHost<SidebarToHost, HostToSidebar, never>(hostToSidebarSchema);
const app = document.getElementById('app')!;

const scenarioList = h('dl', { class: 'scenario', 'data-testid': 'scenario' });
const runButton = h('vscode-button', { id: 'run-scenario', icon: 'play' }, 'Run simulation') as VscodeButton;
const cancelButton = h('vscode-button', { id: 'cancel-run', secondary: true, icon: 'debug-stop', hidden: true }, 'Cancel') as VscodeButton;
/** One button per lab, each running the command that opens it. */
const labButtons = ([
  ['open-hit-rate-lab', 'graph-line', 'Open Hit Rate Lab', 'cacheLab.openHitRateLab'],
  ['open-compare', 'list-ordered', 'Compare Eviction Policies', 'cacheLab.openComparePolicies'],
  ['open-strategies', 'git-compare', 'Compare Write Strategies', 'cacheLab.compareWriteStrategies'],
  ['open-stampede', 'flame', 'Stampede Lab', 'cacheLab.openStampedeLab'],
  ['open-distribution', 'type-hierarchy', 'Distribution Lab', 'cacheLab.openDistributionLab'],
  ['open-race', 'debug-step-over', 'Step Through a Race', 'cacheLab.stepThroughRace'],
] as const satisfies readonly (readonly [string, string, string, (typeof LAB_COMMANDS)[number]])[]).map(([id, icon, label, command]) => {
  const button = h('vscode-button', { id, secondary: true, icon }, label) as VscodeButton;
  button.addEventListener('click', () => host.post({ type: 'openLab', command }));
  return button;
});
const runStampedeButton = h('vscode-button', { id: 'run-sidebar-stampede', secondary: true, icon: 'play' }, 'Let the hot key expire') as VscodeButton;
const stampedeList = h('ul', { id: 'sidebar-stampede', class: 'compact-list' });
const progressBar = h('vscode-progress-bar', { max: 1, hidden: true, 'aria-label': 'Simulation progress' }) as VscodeProgressBar;
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
const tiles = {
  hitRate: statTile('live-hit-rate', 'Hit rate'),
  missRate: statTile('live-miss-rate', 'Miss rate'),
  dbLoad: statTile('live-db-qps', 'DB queries'),
};
const liveCanvas = h('canvas', { id: 'live-chart', role: 'img', 'aria-label': 'Hit rate so far against requests processed' });

let scenario: ScenarioSummary | undefined;
let catalog: Catalog | undefined;
let points: { x: number; y: number }[] = [];
let chart: ThemedChart | undefined;

function label(list: Catalog['policies'] | undefined, id: string): string {
  return list?.find((entry) => entry.id === id)?.label ?? id;
}

function renderScenario(): void {
  if (!scenario) return;
  const { settings, runRequests } = scenario;
  const workload = settings.workload;
  const shape =
    workload.kind === 'zipf' || workload.kind === 'shift'
      ? `, alpha ${workload.alpha}`
      : workload.kind === 'hotspot'
        ? `, ${workload.hotRequestPercent}% of requests to ${workload.hotKeyPercent}% of keys`
        : '';
  const rows: [string, string][] = [
    ['Workload', `${label(catalog?.workloads, workload.kind)}${shape}, ${formatCount(workload.keys)} keys`],
    ['Policy', label(catalog?.policies, settings.policy)],
    ['Cache size', `${settings.sizePercent}% (${formatCount(capacityForPercent(workload.keys, settings.sizePercent))} objects)`],
    ['Request rate', `${formatRate(settings.requestRate)}`],
    ['TTL', settings.ttl ? `${settings.ttl.seconds} s${settings.ttl.activeExpiry ? ', active expiry' : ', lazy only'}` : 'none'],
    ['Requests a run', formatCount(runRequests)],
  ];
  replaceChildren(scenarioList, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function renderProgress(progress: SimulationProgress): void {
  const { requests, hits, total } = progress;
  const hitRatio = requests === 0 ? 0 : hits / requests;
  const missRatio = requests === 0 ? 0 : 1 - hitRatio;
  const dbQps = (scenario?.settings.requestRate ?? 0) * missRatio;
  tiles.hitRate.set(hitRatio, formatPercent(hitRatio));
  tiles.missRate.set(missRatio, formatPercent(missRatio));
  tiles.dbLoad.set(dbQps, formatRate(dbQps));
  progressBar.value = total === 0 ? 1 : requests / total;
  if (points.at(-1)?.x !== requests) points.push({ x: requests, y: hitRatio * 100 });
  if (chart) chart.refresh();
  else chart = themedChart(liveCanvas, (colors) => ({
    type: 'line',
    data: { datasets: [{ label: 'Hit rate so far', data: points, borderColor: colors.series[0], backgroundColor: colors.series[0], pointRadius: 0, borderWidth: 2 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: 'linear', min: 0, max: scenario?.runRequests, ticks: { maxTicksLimit: 4, callback: (v) => formatCount(Number(v)) } },
        y: { min: 0, max: 100, ticks: { maxTicksLimit: 5, callback: (v) => `${v}%` } },
      },
      plugins: { legend: { display: false } },
    },
  }));
}

function setRunning(running: boolean): void {
  runButton.disabled = running;
  cancelButton.hidden = !running;
  progressBar.hidden = !running;
}

runButton.addEventListener('click', () => {
  points = [];
  status.textContent = 'Starting…';
  setRunning(true);
  host.post({ type: 'runScenario' });
});
cancelButton.addEventListener('click', () => host.post({ type: 'cancel' }));
runStampedeButton.addEventListener('click', () => {
  runStampedeButton.disabled = true;
  replaceChildren(stampedeList, h('li', { class: 'muted' }, 'Simulating…'));
  host.post({ type: 'runStampede' });
});

replaceChildren(
  app,
  h('section', { class: 'sidebar', 'aria-label': 'Simulator' },
    h('h2', {}, 'Scenario'),
    scenarioList,
    h('div', { class: 'actions' }, runButton, cancelButton),
    progressBar,
    status,
    h('div', { class: 'tiles compact' }, ...Object.values(tiles).map((tile) => tile.element)),
    h('div', { class: 'chart-box small' }, liveCanvas),
    h('h2', {}, 'Labs'),
    h('div', { class: 'actions' }, ...labButtons),
    h('h2', {}, 'Stampede'),
    h('p', { class: 'hint' }, 'A hot key (TTL 60 s, 1 s to recompute, 1,000 requests a second) expires under each protection.'),
    h('div', { class: 'actions' }, runStampedeButton),
    stampedeList),
);

host.listen((message) => {
  switch (message.type) {
    case 'scenario':
      catalog = message.catalog;
      scenario = message.scenario;
      if (status.textContent === 'Loading…') status.textContent = 'Ready. Run the scenario, or change it in the Hit Rate Lab.';
      renderScenario();
      break;
    case 'progress':
      setRunning(true);
      status.textContent = `${formatCount(message.progress.requests)} of ${formatCount(message.progress.total)} requests`;
      renderProgress(message.progress);
      break;
    case 'finished':
      setRunning(false);
      renderProgress({ ...message.result, total: message.result.requests });
      status.textContent = `Done: ${formatCount(message.result.requests)} requests in ${message.result.seconds.toFixed(2)} s.`;
      break;
    case 'stampede':
      runStampedeButton.disabled = false;
      replaceChildren(stampedeList, ...message.outcome.results.map((r) =>
        h('li', { 'data-protection': r.protection }, h('strong', {}, `${r.label}: `),
          `${formatCount(r.worstWave)} DB ${r.worstWave === 1 ? 'query' : 'queries'} at expiry, p99 ${r.latencyDuringRefresh.p99 >= 1000 ? `${(r.latencyDuringRefresh.p99 / 1000).toFixed(1)} s` : `${r.latencyDuringRefresh.p99.toFixed(1)} ms`}`)));
      break;
    case 'cancelled':
      setRunning(false);
      status.textContent = 'Cancelled.';
      break;
    case 'error':
      setRunning(false);
      runStampedeButton.disabled = false;
      status.textContent = message.message;
      break;
  }
}, (error) => (status.textContent = error));

host.post({ type: 'ready' });
