import '../common/elements';
import { distributionSettingsSchema, hostToDistributionSchema, type CatalogEntry, type DistributionOutcome, type DistributionSettings, type RingDrawing } from '../../src/shared/protocol';
import { themedChart, timelineConfig, type ThemedChart } from '../common/chart';
import { h, replaceChildren } from '../common/dom';
import type { VscodeButton, VscodeSingleSelect, VscodeTextfield } from '../common/elements';
import { field, numberValue, readForm, select, selected, textfield } from '../common/fields';
import { formatCount } from '../common/format';
import { startSimulationPage, type SimulationForm, type SimulationResult } from '../common/simulationPage';
import type { ThemeColors } from '../common/theme';

type Shown = SimulationResult<DistributionSettings, DistributionOutcome>;

const LABELS: Record<string, string> = {
  scheme: 'Drawn scheme',
  nodes: 'Nodes',
  change: 'Nodes joining',
  vnodes: 'Virtual nodes',
  loadFactor: 'Load factor',
  keys: 'Keys',
  requests: 'Requests',
  alpha: 'Zipf alpha',
  nodeTimeouts: 'Node timeouts',
  writeRate: 'Writes per second',
  seed: 'Seed',
};

/** Node colours: the theme's six chart colours, then the same at half strength (styles.css). */
const COLOR_CLASSES = 12;
const SVG = 'http://www.w3.org/2000/svg';

let shown: Shown | undefined;
let nodesField: VscodeTextfield | undefined;
let changeField: VscodeTextfield | undefined;
let loadChart: ThemedChart<'bar'> | undefined;
let sweepChart: ThemedChart | undefined;
let failoverChart: ThemedChart | undefined;

const percent = (value: number, digits = 1): string => `${(value * 100).toFixed(digits)}%`;
const seconds = (value: number): string => `${value.toFixed(2)} s`;

function svg(tag: string, attributes: Record<string, string | number>, ...children: SVGElement[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const colorClass = (node: number): string => `node-color-${node % COLOR_CLASSES}`;

// ---- The form ----

function createForm(catalog: readonly CatalogEntry[], initial: DistributionSettings): SimulationForm<DistributionSettings> {
  const scheme = select('scheme', catalog, initial.scheme) as VscodeSingleSelect;
  const nodes = textfield('nodes', initial.nodes, { min: 1, max: 1000 });
  const change = textfield('change', initial.change, { min: -999, max: 100 });
  const vnodes = textfield('vnodes', initial.vnodes, { min: 1 });
  const loadFactor = textfield('load-factor', initial.loadFactor, { min: 0, step: 0.05 });
  const keys = textfield('keys', initial.keys, { min: 1 });
  const requests = textfield('requests', initial.requests, { min: 0 });
  const alpha = textfield('alpha', initial.alpha, { min: 0, max: 5, step: 0.1 });
  const timeouts = h('vscode-textfield', { id: 'node-timeouts' }) as VscodeTextfield;
  timeouts.value = initial.nodeTimeouts.join(', ');
  const writeRate = textfield('write-rate', initial.writeRate, { min: 1 });
  const seed = textfield('seed', initial.seed, { min: 0 });
  nodesField = nodes;
  changeField = change;
  const read = () => readForm(distributionSettingsSchema, {
    scheme: selected(scheme),
    nodes: numberValue(nodes),
    change: numberValue(change),
    vnodes: numberValue(vnodes),
    loadFactor: numberValue(loadFactor),
    keys: numberValue(keys),
    requests: numberValue(requests),
    alpha: numberValue(alpha),
    nodeTimeouts: String(timeouts.value ?? '').split(',').map((part) => (part.trim() === '' ? NaN : Number(part))),
    writeRate: numberValue(writeRate),
    seed: numberValue(seed),
  }, LABELS);
  const element = h('div', { class: 'form' },
    h('div', { class: 'row' }, field('scheme', 'Scheme on the ring', scheme)),
    h('div', { class: 'row' }, field('nodes', 'Nodes', nodes), field('change', 'Then join (+) or leave (-)', change)),
    h('div', { class: 'row' }, field('vnodes', 'Virtual nodes each', vnodes), field('load-factor', 'Bounded-load epsilon', loadFactor)),
    h('div', { class: 'row' }, field('keys', 'Keys', keys), field('requests', 'Zipf requests', requests), field('alpha', 'Zipf alpha', alpha)),
    h('fieldset', { class: 'compare' }, h('legend', {}, 'Redis Cluster failover'),
      h('div', { class: 'row' }, field('node-timeouts', 'cluster-node-timeout (s, comma-separated)', timeouts), field('write-rate', 'Writes per second', writeRate))),
    h('div', { class: 'row' }, field('seed', 'Seed', seed)));
  return { element, read };
}

// ---- The ring ----

const addButton = h('vscode-button', { id: 'add-node', secondary: true, icon: 'add' }, 'Add a node') as VscodeButton;
const removeButton = h('vscode-button', { id: 'remove-node', secondary: true, icon: 'remove' }, 'Remove a node') as VscodeButton;
const ringBox = h('div', { class: 'ring-box', id: 'ring' });
const ringCaption = h('p', { class: 'explain', id: 'ring-caption' });
const ringLegend = h('ul', { class: 'ring-legend', id: 'ring-legend' });

/** A point on the circle: positions are fractions of a turn, clockwise from the top. */
function at(position: number, radius: number): [number, number] {
  const angle = position * 2 * Math.PI - Math.PI / 2;
  return [200 + radius * Math.cos(angle), 200 + radius * Math.sin(angle)];
}

function arcPath(from: number, to: number, radius: number): string {
  const [x1, y1] = at(from, radius);
  const [x2, y2] = at(Math.min(to, from + 0.99999), radius);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${radius} ${radius} 0 ${to - from > 0.5 ? 1 : 0} 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

function drawRing(drawing: RingDrawing): void {
  const circle = svg('circle', { cx: 200, cy: 200, r: 160, class: 'ring-track' });
  const marks: SVGElement[] = [];
  const ring = drawing.ringAfter;
  if (ring) {
    ring.positions.forEach((position, i) => {
      const [x1, y1] = at(position, 152);
      const [x2, y2] = at(position, 168);
      const isNew = ring.owners[i]! >= drawing.nodesBefore.length;
      marks.push(svg('line', { x1, y1, x2, y2, class: `vnode stroke ${colorClass(ring.owners[i]!)}${isNew ? ' joining' : ''}` }));
    });
  }
  for (const arc of drawing.arcsAfter ?? []) marks.push(svg('path', { d: arcPath(arc.from, arc.to, 160), class: `slot-arc stroke ${colorClass(arc.owner)}` }));
  const keys = drawing.keys.map((key) => {
    const [cx, cy] = at(key.position, 136);
    const moved = key.before !== key.after;
    const dot = svg('circle', { cx, cy, r: moved ? 5.5 : 3.5, class: `key fill ${colorClass(key.before)}${moved ? ' moved' : ''}` });
    dot.append(svg('title', {}));
    dot.firstChild!.textContent = moved
      ? `${key.name}: ${drawing.nodesBefore[key.before]} → ${drawing.nodesAfter[key.after]}`
      : `${key.name}: ${drawing.nodesAfter[key.after]}`;
    return { dot, key };
  });
  const picture = svg('svg', { viewBox: '0 0 400 400', role: 'img', 'aria-label': `The ${drawing.scheme} layout: node points on the circle and a sample of keys, coloured by node; keys that move are drawn larger.` },
    circle, ...marks, ...keys.map((k) => k.dot));
  ringBox.replaceChildren(picture);
  // Keys start in their old node's colour and turn to the new one (a CSS transition, off with reduced motion).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    for (const { dot, key } of keys) {
      if (key.before === key.after) continue;
      dot.classList.remove(colorClass(key.before));
      dot.classList.add(colorClass(key.after));
    }
  }));
  const movedCount = drawing.keys.filter((k) => k.before !== k.after).length;
  const joined = drawing.nodesAfter.length - drawing.nodesBefore.length;
  ringCaption.textContent =
    (joined === 0 ? 'No node joins or leaves. ' : joined > 0 ? `${drawing.nodesAfter.slice(drawing.nodesBefore.length).join(', ')} joined: ` : `${drawing.nodesBefore.slice(drawing.nodesAfter.length).join(', ')} left: `) +
    (joined === 0 ? '' : `${movedCount} of the ${drawing.keys.length} keys drawn moved (the larger dots). `) +
    (ring ? 'Ticks are the nodes’ virtual nodes; a key belongs to the next tick clockwise.' : drawing.arcsAfter ? 'Arcs are slot ranges; keys sit at their slot.' : 'This scheme has no ring: keys sit at their hash, coloured by their node.');
  const names = drawing.nodesAfter.length >= drawing.nodesBefore.length ? drawing.nodesAfter : drawing.nodesBefore;
  replaceChildren(ringLegend, ...names.map((name, i) =>
    h('li', {}, swatch(i), i < drawing.nodesAfter.length ? name : `${name} (left)`)));
}

function swatch(node: number): SVGElement {
  return svg('svg', { viewBox: '0 0 10 10', class: 'swatch', 'aria-hidden': 'true' }, svg('rect', { width: 10, height: 10, rx: 2, class: `fill ${colorClass(node)}` }));
}

// ---- Tables and charts ----

const summary = h('p', { class: 'explain', id: 'distribution-summary' });
const schemeTable = h('table', { id: 'distribution-table', class: 'data' });
const loadCanvas = h('canvas', { id: 'load-chart', role: 'img', 'aria-label': 'Keys per node for the drawn scheme, before and after the change.' });
const sweepCanvas = h('canvas', { id: 'vnodes-chart', role: 'img', 'aria-label': 'For the ring: keys moved by a joining node and the spread of load, against virtual nodes per node, with the theory.' });
const slotTable = h('table', { id: 'slot-map', class: 'data text-cells' });
const reshardText = h('p', { class: 'explain', id: 'reshard-summary' });
const failoverCanvas = h('canvas', { id: 'failover-chart', role: 'img', 'aria-label': 'Writes acknowledged per second on the failing primary’s slots, one line per node timeout; the gap is the outage.' });
const failoverTable = h('table', { id: 'failover-table', class: 'data' });
const clusterSection = h('section', { 'aria-label': 'Redis Cluster' },
  h('h2', {}, 'Redis Cluster: the slot map'),
  h('div', { class: 'scroll-x' }, slotTable),
  reshardText,
  h('h2', {}, 'A primary fails: writes acknowledged per second on its slots'),
  h('div', { class: 'chart-box' }, failoverCanvas),
  h('div', { class: 'scroll-x' }, failoverTable));

const results = h('section', { class: 'results', 'aria-label': 'Results', hidden: true },
  summary,
  h('h2', {}, 'The ring'),
  h('div', { class: 'ring-layout' }, ringBox, h('div', { class: 'ring-side' }, h('div', { class: 'actions' }, addButton, removeButton), ringCaption, ringLegend)),
  h('h2', {}, 'Every scheme on the same keys'),
  h('div', { class: 'scroll-x' }, schemeTable),
  h('h2', {}, 'Keys per node'),
  h('div', { class: 'chart-box' }, loadCanvas),
  h('h2', {}, 'Virtual nodes: evenness and keys moved by a joining node (ring)'),
  h('div', { class: 'chart-box' }, sweepCanvas),
  clusterSection);

function renderSchemeTable(outcome: DistributionOutcome): void {
  const { report } = outcome;
  const changed = report.nodesAfter !== report.nodesBefore;
  const headers = ['Scheme', 'Keys max/mean', 'Keys CV', ...(report.requests > 0 ? ['Requests max/mean', 'Requests CV'] : []), ...(changed ? ['Keys moved', 'Requests moved'] : [])];
  replaceChildren(schemeTable,
    h('caption', {}, changed ? `The least any scheme can move: ${percent(report.minimumMovedFraction, 2)}.` : 'No change of nodes.'),
    h('thead', {}, h('tr', {}, ...headers.map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...report.results.map((r) => h('tr', { 'data-scheme': r.scheme },
      h('th', { scope: 'row' }, r.label),
      h('td', { 'data-column': 'keys-max-over-mean', 'data-value': String(r.before.keys.maxOverMean) }, r.before.keys.maxOverMean.toFixed(3)),
      h('td', { 'data-column': 'keys-cv', 'data-value': String(r.before.keys.cv) }, r.before.keys.cv.toFixed(4)),
      ...(r.before.requests ? [h('td', {}, r.before.requests.maxOverMean.toFixed(3)), h('td', {}, r.before.requests.cv.toFixed(4))] : []),
      ...(changed ? [h('td', { 'data-column': 'moved', 'data-value': String(r.movedFraction) }, percent(r.movedFraction, 2)), h('td', {}, report.requests > 0 ? percent(r.movedRequestFraction, 2) : '–')] : [])))));
}

function loadConfig(colors: ThemeColors) {
  const outcome = shown?.outcome;
  const result = outcome?.report.results.find((r) => r.scheme === outcome.drawing.scheme);
  const names = result ? (result.after && result.after.nodes.length > result.before.nodes.length ? result.after : result.before).nodes.map((n) => n.name) : [];
  const keysOf = (layout: NonNullable<typeof result>['before'] | null | undefined) => names.map((name) => layout?.nodes.find((n) => n.name === name)?.keys ?? 0);
  return {
    type: 'bar' as const,
    data: {
      labels: names,
      datasets: [
        { label: 'Before', data: keysOf(result?.before), backgroundColor: colors.series[0] },
        ...(result?.after ? [{ label: 'After', data: keysOf(result.after), backgroundColor: colors.series[1] }] : []),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: 'keys' } } },
      plugins: { legend: { position: 'bottom' as const } },
    },
  };
}

function sweepConfig(colors: ThemeColors) {
  const sweep = shown?.outcome.sweep ?? [];
  const line = (label: string, values: number[], color: string, dashed = false) => ({
    label, data: sweep.map((s, i) => ({ x: s.vnodes, y: values[i]! * 100 })), borderColor: color, backgroundColor: color, pointRadius: 3, borderWidth: 1.5, ...(dashed ? { borderDash: [5, 4] } : {}),
  });
  return {
    type: 'line' as const,
    data: {
      datasets: [
        line('Keys moved by a joining node (%)', sweep.map((s) => s.movedFraction), colors.series[0]!),
        line('Load CV, measured (%)', sweep.map((s) => s.cv), colors.series[1]!),
        line('Load CV, theory sqrt((n-1)/(nk+1) + (n-1)/K) (%)', sweep.map((s) => s.theoryCv), colors.muted, true),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: 'logarithmic' as const, title: { display: true, text: 'virtual nodes per node' } },
        y: { type: 'logarithmic' as const, title: { display: true, text: 'percent' } },
      },
      plugins: { legend: { position: 'bottom' as const } },
    },
  };
}

function failoverConfig(colors: ThemeColors) {
  const runs = shown?.outcome.failover ?? [];
  const series = runs.map((run) => ({ label: `node timeout ${run.nodeTimeout} s`, points: run.timeline.acknowledged.map((n, k) => ({ x: k * run.bucket, y: n / run.bucket })) }));
  return timelineConfig(colors, series, { x: `seconds (the primary fails at ${runs[0]?.crashAt ?? 0} s)`, y: 'writes acknowledged per second' });
}

function renderCluster(outcome: DistributionOutcome): void {
  const cluster = outcome.report.results.find((r) => r.scheme === 'redis-cluster');
  const before = cluster?.before.slots ?? [];
  const after = cluster?.after?.slots ?? [];
  // One row per range where both maps are constant: its owner before and after the rebalance.
  const boundaries = [...new Set([...before, ...after].map((range) => range.first))].sort((a, b) => a - b);
  const ownerAt = (ranges: typeof before, slot: number): string => ranges.find((range) => range.first <= slot && slot <= range.last)?.node ?? '–';
  const rows = boundaries.map((first, i) => ({ first, last: (boundaries[i + 1] ?? 16384) - 1, before: ownerAt(before, first), after: after.length > 0 ? ownerAt(after, first) : ownerAt(before, first) }));
  replaceChildren(slotTable,
    h('caption', {}, after.length > 0 ? 'As redis-cli --cluster create splits the slots, and where redis-cli --cluster rebalance moves them.' : 'As redis-cli --cluster create splits the slots.'),
    h('thead', {}, h('tr', {}, ...['Slots', 'Count', 'Primary', ...(after.length > 0 ? ['After the rebalance'] : [])].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...rows.map((row) => h('tr', { class: row.before === row.after ? '' : 'moved-row' },
      h('td', {}, `${row.first}–${row.last}`), h('td', {}, formatCount(row.last - row.first + 1)), h('td', {}, row.before),
      ...(after.length > 0 ? [h('td', {}, row.before === row.after ? 'stays' : `→ ${row.after}`)] : [])))));
  const r = outcome.reshard;
  reshardText.textContent =
    `Resharding onto one more primary moves ${formatCount(r.movedSlots)} slots and ${formatCount(r.movedKeys)} keys in ${seconds(r.migrationSeconds)}; ` +
    `clients refreshing one slot per MOVED get ${formatCount(r.movedRedirects)} MOVED and ${formatCount(r.askRedirects)} ASK redirects over ${formatCount(r.requests)} requests (${percent(r.redirectedShare, 2)} need an extra round trip).`;
  replaceChildren(failoverTable,
    h('thead', {}, h('tr', {}, ...['Node timeout', 'FAIL at', 'Replica promoted at', 'No primary for', 'Writes refused', 'Acknowledged writes lost'].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...outcome.failover.map((f) => h('tr', { 'data-timeout': String(f.nodeTimeout) },
      h('th', { scope: 'row' }, `${f.nodeTimeout} s`), h('td', {}, seconds(f.failAt)), h('td', {}, seconds(f.promotedAt)),
      h('td', { 'data-column': 'unavailable', 'data-value': String(f.unavailableSeconds) }, seconds(f.unavailableSeconds)),
      h('td', { 'data-column': 'failed', 'data-value': String(f.failedWrites) }, formatCount(f.failedWrites)),
      h('td', { 'data-column': 'lost', 'data-value': String(f.lostWrites) }, formatCount(f.lostWrites))))));
  clusterSection.hidden = outcome.failover.length === 0;
}

function render(result: Shown): void {
  shown = result;
  const { settings, outcome } = result;
  const drawn = outcome.report.results.find((r) => r.scheme === outcome.drawing.scheme)!;
  summary.textContent =
    `${formatCount(outcome.report.keys)} keys over ${outcome.report.nodesBefore} nodes` +
    (outcome.report.nodesAfter === outcome.report.nodesBefore ? '' : `, then ${outcome.report.nodesAfter} nodes`) +
    (outcome.report.requests > 0 ? `, weighed by ${formatCount(outcome.report.requests)} Zipf(${settings.alpha}) requests` : '') +
    `. ${drawn.label}: the busiest node holds ${drawn.before.keys.maxOverMean.toFixed(2)}× the mean` +
    (drawn.after ? `, and ${percent(drawn.movedFraction)} of the keys moved.` : '.');
  drawRing(outcome.drawing);
  renderSchemeTable(outcome);
  renderCluster(outcome);
  for (const chart of [loadChart, sweepChart, failoverChart]) chart?.chart.destroy();
  loadChart = themedChart(loadCanvas, loadConfig);
  sweepChart = themedChart(sweepCanvas, sweepConfig);
  failoverChart = themedChart(failoverCanvas, failoverConfig);
}

const page = startSimulationPage({
  schema: hostToDistributionSchema,
  settingsSchema: distributionSettingsSchema,
  title: 'Distribution Lab',
  description: 'Spread keys over cache nodes with modulo-N, a ketama ring, jump hash, rendezvous, bounded loads or Redis Cluster slots; add or remove a node and see which keys move; fail a Redis Cluster primary.',
  formLabel: 'Cluster',
  run: { id: 'run-distribution', label: 'Distribute' },
  createForm,
  results,
  render,
  done: (outcome) => `${outcome.report.results.length} schemes measured.`,
});

/** Starts from the layout shown after its change, and adds or removes one more node. */
function changeByOne(step: 1 | -1): void {
  if (!shown || !nodesField || !changeField) return;
  const current = shown.outcome.report.nodesAfter;
  if (current + step < 1) return;
  nodesField.value = String(current);
  changeField.value = String(step);
  page.run();
}
addButton.addEventListener('click', () => changeByOne(1));
removeButton.addEventListener('click', () => changeByOne(-1));
