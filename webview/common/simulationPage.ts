/**
 * The page of a panel that edits settings and runs one simulation at a time (Compare Write
 * Strategies, Stampede Lab): the form with its run controls, the saved settings and result
 * restored after a reload, and the host's messages handled.
 */
import type { z } from 'zod';
import { parseMessage, type CatalogEntry } from '../../src/shared/protocol';
import { h, replaceChildren } from './dom';
import { onFormChange, type FormReading } from './fields';
import { connectHost } from './host';
import { createRunControls } from './runControls';

type ToHost<Settings> = { type: 'ready' } | { type: 'run'; settings: Settings } | { type: 'cancel' };
type FromHost<Settings, Outcome> =
  | { type: 'init'; catalog: CatalogEntry[]; settings: Settings }
  | { type: 'running' }
  | { type: 'result'; settings: Settings; outcome: Outcome }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

export interface SimulationResult<Settings, Outcome> {
  readonly settings: Settings;
  readonly outcome: Outcome;
}

interface SavedState {
  readonly settings?: unknown;
  readonly result?: unknown;
}

export interface SimulationForm<Settings> {
  readonly element: HTMLElement;
  read(): FormReading<Settings>;
  /** Shows or hides the fields that depend on others; runs on every change. */
  sync?(): void;
}

export function startSimulationPage<Settings, Outcome>(page: {
  readonly schema: z.ZodType<FromHost<Settings, Outcome>>;
  readonly settingsSchema: z.ZodType<Settings>;
  readonly title: string;
  readonly description: string;
  /** The accessible name of the form's section. */
  readonly formLabel: string;
  readonly run: { readonly id: string; readonly label: string };
  /** Builds the form from the catalog to compare and the settings to start from. */
  createForm(catalog: readonly CatalogEntry[], initial: Settings): SimulationForm<Settings>;
  /** The section the results go into; hidden until the first result. */
  readonly results: HTMLElement;
  render(result: SimulationResult<Settings, Outcome>): void;
  /** The status line after a run, e.g. "6 strategies simulated." */
  done(outcome: Outcome): string;
}): { run(): void } {
  const host = connectHost<ToHost<Settings>, FromHost<Settings, Outcome>, SavedState>(page.schema);
  const app = document.getElementById('app')!;
  let form: SimulationForm<Settings> | undefined;
  let shown = savedResult();

  function savedResult(): SimulationResult<Settings, Outcome> | undefined {
    const parsed = parseMessage(page.schema, host.savedState?.result);
    return parsed.ok && parsed.message.type === 'result' ? parsed.message : undefined;
  }

  const controls = createRunControls<Settings>({
    ...page.run,
    read: () => form?.read(),
    onRun: (settings) => host.post({ type: 'run', settings }),
    onCancel: () => host.post({ type: 'cancel' }),
  });
  const show = (result: SimulationResult<Settings, Outcome>): void => {
    page.results.hidden = false;
    page.render(result);
  };

  host.listen((message) => {
    if (controls.handle(message)) return;
    switch (message.type) {
      case 'init': {
        const saved = page.settingsSchema.safeParse(host.savedState?.settings);
        const created = page.createForm(message.catalog, saved.success ? saved.data : message.settings);
        form = created;
        created.sync?.();
        onFormChange(created.element, () => created.sync?.(), () => {
          controls.update();
          const read = created.read();
          if (read.ok) host.saveState({ ...host.savedState, settings: read.settings });
        });
        replaceChildren(app,
          h('header', {}, h('h1', {}, page.title), h('p', { class: 'muted' }, page.description)),
          h('div', { class: 'lab' },
            h('section', { class: 'controls', 'aria-label': page.formLabel }, created.element, ...controls.elements),
            page.results));
        controls.status.textContent = '';
        controls.update();
        if (shown) show(shown);
        break;
      }
      case 'result':
        controls.setRunning(false);
        controls.status.textContent = page.done(message.outcome);
        shown = message;
        show(message);
        host.saveState({ settings: message.settings, result: message });
        break;
    }
  }, controls.showError);

  replaceChildren(app, controls.status);
  host.post({ type: 'ready' });
  return { run: controls.run };
}
