import '../common/elements';
import {
  hostToRaceSchema,
  parseMessage,
  type HostToRace,
  type RaceRequest,
  type RaceScenarioInfo,
  type RaceToHost,
} from '../../src/shared/protocol';
import { h, replaceChildren } from '../common/dom';
import type { VscodeButton, VscodeSingleSelect, VscodeTextfield } from '../common/elements';
import { field, numberValue, selected, textfield, type FormReading } from '../common/fields';
import { createRunControls } from '../common/runControls';
import { connectHost } from '../common/host';

type RunMessage = Extract<HostToRace, { type: 'result' }>;
type ExploredMessage = Extract<HostToRace, { type: 'explored' }>;
type RaceRun = RunMessage['run'];
type Snapshot = RaceRun['initial'];

interface SavedState {
  readonly request?: RaceRequest;
  readonly result?: RunMessage;
  readonly step?: number;
}

const host = connectHost<RaceToHost, HostToRace, SavedState>(hostToRaceSchema);
const app = document.getElementById('app')!;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
/** Milliseconds between steps while playing. */
const PLAY_INTERVAL = 1200;

let scenarios: RaceScenarioInfo[] = [];
/** The user's key and functions when the race came from an analyzer finding; kept for re-runs. */
let names: RaceRequest['names'];
let shown: RunMessage | undefined = savedResult();
/** Events shown so far: 0 is the state before the first step. */
let step = shown ? Math.min(host.savedState?.step ?? 0, shown.run.events.length) : 0;
let playing: number | undefined;

const scenarioSelect = h('vscode-single-select', { id: 'scenario' }) as VscodeSingleSelect;
const summary = h('p', { class: 'explain', id: 'scenario-summary' });
const parameterRow = h('div', { class: 'row', id: 'parameters' });
const exploreButton = h('vscode-button', { id: 'explore-race', secondary: true, icon: 'type-hierarchy' }, 'Explore every interleaving') as VscodeButton;
const controls = createRunControls<RaceRequest>({
  id: 'run-race',
  label: 'Step through',
  read: () => (scenarios.length === 0 ? undefined : readRequest()),
  onRun: (request) => {
    exploration.hidden = true;
    host.post({ type: 'run', request });
  },
  onCancel: () => host.post({ type: 'cancel' }),
  onRunningChange: (running) => (exploreButton.disabled = running),
});
const status = controls.status;
status.id = 'status';
controls.elements[0]!.append(exploreButton);

const backButton = h('vscode-button', { id: 'step-back', secondary: true, icon: 'arrow-left', 'aria-label': 'Back one step' }, 'Back') as VscodeButton;
const nextButton = h('vscode-button', { id: 'step-next', icon: 'arrow-right', 'aria-label': 'Next step' }, 'Next') as VscodeButton;
const playButton = h('vscode-button', { id: 'step-play', secondary: true, icon: 'play' }, 'Play') as VscodeButton;
const scrubber = h('input', { id: 'scrubber', type: 'range', min: 0, max: 0, value: 0, 'aria-label': 'Step' });
const position = h('span', { id: 'step-position', class: 'muted' });
const lanes = h('table', { id: 'lanes', class: 'data lanes' });
const stores = h('div', { id: 'stores', class: 'stores' });
const verdict = h('div', { id: 'verdict', class: 'verdict', role: 'status', 'aria-live': 'polite' });
const exploration = h('div', { id: 'exploration', class: 'exploration', hidden: true });
const player = h('section', { class: 'results', 'aria-label': 'Step-through', hidden: true },
  h('div', { class: 'player' }, backButton, nextButton, playButton, scrubber, position),
  verdict,
  h('div', { class: 'scroll-x' }, lanes),
  h('h2', {}, 'Cache and database after this step'),
  stores);

app.append(
  h('h1', {}, 'Step Through a Race'),
  h('p', { class: 'muted' }, 'Concurrent clients, a cache and a database, one event at a time. The verdict is measured: after every step each cache is compared with the database.'),
  h('div', { class: 'form' }, field('scenario', 'Scenario', scenarioSelect), summary, parameterRow),
  ...controls.elements,
  exploration,
  player,
);

function savedResult(): RunMessage | undefined {
  const parsed = parseMessage(hostToRaceSchema, host.savedState?.result);
  return parsed.ok && parsed.message.type === 'result' ? parsed.message : undefined;
}

function scenarioInfo(id: string): RaceScenarioInfo | undefined {
  return scenarios.find((scenario) => scenario.id === id);
}

/** The request the form describes, or a sentence naming the bad parameter. */
function readRequest(): FormReading<RaceRequest> {
  const info = scenarioInfo(selected(scenarioSelect));
  if (!info) return { ok: false, error: 'Choose a scenario.' };
  const parameters: Record<string, number> = {};
  for (const parameter of info.parameters) {
    const control = document.getElementById(`param-${parameter.name}`) as VscodeTextfield | null;
    const value = control ? numberValue(control) : parameter.default;
    if (!Number.isFinite(value) || value < parameter.min || value > parameter.max) {
      return { ok: false, error: `${parameter.name}: enter a number from ${parameter.min} to ${parameter.max}${parameter.unit ? ` ${parameter.unit}` : ''}.` };
    }
    parameters[parameter.name] = value;
  }
  return { ok: true, settings: { scenario: info.id, parameters, ...(names ? { names } : {}) } };
}

function renderParameters(request: RaceRequest): void {
  const info = scenarioInfo(request.scenario);
  summary.textContent = info?.summary ?? '';
  replaceChildren(parameterRow, ...(info?.parameters ?? []).map((parameter) =>
    field(`param-${parameter.name}`, `${parameter.name}${parameter.unit ? ` (${parameter.unit})` : ''}`,
      textfield(`param-${parameter.name}`, request.parameters[parameter.name] ?? parameter.default, { min: parameter.min, max: parameter.max }),
      h('span', { class: 'hint' }, parameter.description))));
  controls.update();
}

function storeTable(name: string, entries: Record<string, string>, before: Record<string, string> | undefined, touched: boolean): HTMLElement {
  const rows = Object.entries(entries).map(([key, value]) =>
    h('tr', { class: before?.[key] !== value ? 'changed' : undefined }, h('th', { scope: 'row' }, key), h('td', {}, value)));
  const removed = Object.keys(before ?? {}).filter((key) => !(key in entries));
  return h('div', { class: `store${touched ? ' touched' : ''}`, 'data-store': name },
    h('h3', {}, name),
    rows.length === 0 && removed.length === 0 ? h('p', { class: 'muted' }, 'empty') : h('table', { class: 'data' }, h('tbody', {}, ...rows,
      ...removed.map((key) => h('tr', { class: 'removed' }, h('th', { scope: 'row' }, key), h('td', {}, 'deleted'))))));
}

function queueList(name: string, items: readonly string[], touched: boolean): HTMLElement {
  return h('div', { class: `store${touched ? ' touched' : ''}`, 'data-store': name },
    h('h3', {}, name),
    items.length === 0 ? h('p', { class: 'muted' }, 'empty') : h('ol', {}, ...items.map((item) => h('li', {}, item))));
}

function renderStores(run: RaceRun): void {
  const now: Snapshot = step === 0 ? run.initial : run.events[step - 1]!.after;
  const before: Snapshot | undefined = step === 0 ? undefined : step === 1 ? run.initial : run.events[step - 2]!.after;
  const touched = new Set(step === 0 ? [] : run.events[step - 1]!.touched);
  replaceChildren(stores, ...run.stores.map((name) => {
    if (name === 'DB') return storeTable('DB', now.db, before?.db, touched.has('DB'));
    if (name in now.queues || !(name in now.caches)) return queueList(name, now.queues[name] ?? [], touched.has(name));
    return storeTable(name, now.caches[name] ?? {}, before?.caches[name], touched.has(name));
  }));
}

function renderLanes(run: RaceRun): void {
  const columns = [...run.actors, ...run.stores];
  const header = h('tr', {}, h('th', { scope: 'col' }, 'Time'), ...columns.map((name) =>
    h('th', { scope: 'col', class: run.stores.includes(name) ? 'store-lane' : 'actor-lane' }, name)));
  const rows = run.events.map((event, i) => {
    const state = i + 1 < step ? 'past' : i + 1 === step ? 'current' : 'future';
    return h('tr', { class: state, 'data-step': i + 1 },
      h('td', {}, `${event.time} ms`),
      ...columns.map((name) => {
        if (name === event.actor) return h('td', { class: 'event' }, h('strong', {}, event.label), h('br'), event.detail);
        return h('td', { class: event.touched.includes(name) ? 'touch' : undefined, 'aria-label': event.touched.includes(name) ? `${name} touched` : undefined },
          event.touched.includes(name) ? '●' : '');
      }));
  });
  replaceChildren(lanes, h('caption', {}, 'One row per event; the dot marks each store the step read or wrote.'), h('thead', {}, header), h('tbody', {}, ...rows));
  const current = lanes.querySelector('tr.current');
  current?.scrollIntoView({ block: 'nearest', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
}

function renderVerdict(run: RaceRun): void {
  const atEnd = step === run.events.length;
  const { verdict: outcome } = run;
  const good = outcome.consistent;
  const details = [
    ...outcome.transient.filter((w) => w.until > w.since).map((w) =>
      `${w.cache} held ${w.key} = '${w.value}' while the DB had ${w.dbValue === undefined ? 'no row' : `'${w.dbValue}'`} from ${w.since} to ${w.until} ms (${w.until - w.since} ms).`),
    ...outcome.staleReads.map((read) => `At ${read.time} ms ${read.cache} served '${read.served}' for ${read.key} while the DB had '${read.current ?? 'no row'}'.`),
  ];
  if (!atEnd) {
    replaceChildren(verdict, h('p', { class: 'muted', id: 'verdict-line' }, `The verdict shows after the last step (${run.events.length}).`));
    return;
  }
  replaceChildren(verdict,
    h('h2', {}, 'Verdict'),
    h('p', { class: `verdict-line ${good ? 'consistent' : 'inconsistent'}`, id: 'verdict-line' },
      h('span', { class: `codicon codicon-${good ? 'pass' : 'error'}`, 'aria-hidden': 'true' }),
      ` ${good ? 'Consistent' : 'Inconsistent'}: ${outcome.summary}`),
    details.length > 0 ? h('ul', { class: 'muted' }, ...details.map((line) => h('li', {}, line))) : null);
}

function render(): void {
  if (!shown) return;
  const { run } = shown;
  player.hidden = false;
  scrubber.max = String(run.events.length);
  scrubber.value = String(step);
  const event = step === 0 ? undefined : run.events[step - 1]!;
  position.textContent = event ? `Step ${step} of ${run.events.length} · t = ${event.time} ms · ${event.actor}` : `Before the first step · ${run.events.length} steps`;
  backButton.disabled = step === 0;
  nextButton.disabled = step === run.events.length;
  renderLanes(run);
  renderStores(run);
  renderVerdict(run);
  host.saveState({ request: shown.request, result: shown, step });
}

function goTo(target: number): void {
  if (!shown) return;
  step = Math.max(0, Math.min(shown.run.events.length, target));
  status.textContent = '';
  render();
  if (playing !== undefined && step === shown.run.events.length) stopPlaying();
}

function stopPlaying(): void {
  if (playing !== undefined) window.clearInterval(playing);
  playing = undefined;
  playButton.textContent = 'Play';
  playButton.icon = 'play';
}

function showExploration(message: ExploredMessage): void {
  const { exploration: result, request } = message;
  exploration.hidden = false;
  const counter = result.counterexample;
  const open = h('vscode-button', { id: 'open-counterexample', icon: 'debug-step-over' }, 'Step through this counterexample') as VscodeButton;
  open.addEventListener('click', () => counter && host.post({ type: 'run', request: { ...request, order: [...counter.order] } }));
  replaceChildren(exploration,
    h('h2', {}, 'Every interleaving'),
    h('p', { id: 'exploration-summary' },
      `${result.interleavings.toLocaleString('en-US')} interleavings${result.truncated ? ' (stopped at the limit)' : ''}; `,
      h('strong', {}, `${result.inconsistent.toLocaleString('en-US')} end stale or lose a write`),
      counter ? '.' : '. Every one ends consistent.'),
    counter ? h('p', { class: 'muted' }, `The one with the fewest switches between actors: ${counter.order.join(' → ')}. ${counter.verdict.summary}`) : null,
    counter ? open : null);
}

backButton.addEventListener('click', () => goTo(step - 1));
nextButton.addEventListener('click', () => goTo(step + 1));
scrubber.addEventListener('input', () => goTo(Number(scrubber.value)));
playButton.addEventListener('click', () => {
  if (!shown) return;
  if (playing !== undefined) {
    stopPlaying();
    return;
  }
  if (step === shown.run.events.length) goTo(0);
  playButton.textContent = 'Pause';
  playButton.icon = 'debug-pause';
  playing = window.setInterval(() => goTo(step + 1), PLAY_INTERVAL);
});
player.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement) return;
  if (event.key === 'ArrowRight') goTo(step + 1);
  else if (event.key === 'ArrowLeft') goTo(step - 1);
});
exploreButton.addEventListener('click', () => {
  const read = readRequest();
  if (read.ok && !controls.running) host.post({ type: 'explore', request: read.settings });
});
scenarioSelect.addEventListener('change', () => {
  const info = scenarioInfo(selected(scenarioSelect));
  if (info) renderParameters({ scenario: info.id, parameters: {} });
});
parameterRow.addEventListener('input', () => controls.update());

host.listen((message) => {
  if (controls.handle(message)) return;
  switch (message.type) {
    case 'init': {
      scenarios = message.scenarios;
      const request = host.savedState?.request ?? message.request;
      names = request.names;
      replaceChildren(scenarioSelect, ...scenarios.map((s) => h('vscode-option', { value: s.id, description: s.summary, selected: s.id === request.scenario }, s.title)));
      scenarioSelect.dataset.initial = request.scenario;
      renderParameters(request);
      status.textContent = '';
      if (shown) render();
      break;
    }
    case 'result':
      controls.setRunning(false);
      stopPlaying();
      shown = message;
      names = message.request.names;
      step = 0;
      if (selected(scenarioSelect) !== message.request.scenario) {
        scenarioSelect.value = message.request.scenario;
        renderParameters(message.request);
      }
      status.textContent = message.request.order ? 'Showing the counterexample. Press Next to step through it.' : 'Press Next to take the first step.';
      render();
      break;
    case 'explored':
      controls.setRunning(false);
      showExploration(message);
      break;
  }
}, (error) => controls.showError(error));

host.post({ type: 'ready' });
