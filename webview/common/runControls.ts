/** A panel's run and cancel buttons with its status and error lines, driven by the shared run messages. */
import { h } from './dom';
import type { VscodeButton } from './elements';
import type { FormReading } from './fields';

export interface RunControls {
  /** The buttons, then the validation, status and error lines. */
  readonly elements: readonly HTMLElement[];
  readonly status: HTMLElement;
  readonly running: boolean;
  setRunning(running: boolean): void;
  /** Re-reads the form: shows what is wrong with it, and enables the run button only when it is valid. */
  update(): void;
  showError(message: string): void;
  /** Runs with the form's settings, as the run button does, if they are valid and nothing runs. */
  run(): void;
  /** Handles `running`, `cancelled` and `error`; returns false for any other message. */
  handle(message: { type: string; message?: string }): boolean;
}

export function createRunControls<T>(options: {
  readonly id: string;
  readonly label: string;
  readonly read: () => FormReading<T> | undefined;
  readonly onRun: (settings: T) => void;
  readonly onCancel: () => void;
  readonly onRunningChange?: (running: boolean) => void;
}): RunControls {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const errorBox = h('p', { class: 'error', role: 'alert', hidden: true });
  const validation = h('p', { class: 'validation', role: 'alert', hidden: true });
  const runButton = h('vscode-button', { id: options.id, icon: 'play' }, options.label) as VscodeButton;
  const cancelButton = h('vscode-button', { id: 'cancel-run', secondary: true, icon: 'debug-stop', hidden: true }, 'Cancel') as VscodeButton;
  let running = false;

  const update = (): void => {
    const read = options.read();
    validation.hidden = !read || read.ok;
    validation.textContent = read && !read.ok ? read.error : '';
    runButton.disabled = running || !read?.ok;
  };
  const setRunning = (value: boolean): void => {
    running = value;
    cancelButton.hidden = !value;
    status.textContent = value ? 'Simulating…' : '';
    options.onRunningChange?.(value);
    update();
  };
  const showError = (message: string): void => {
    errorBox.hidden = false;
    errorBox.textContent = message;
  };
  const run = (): void => {
    const read = options.read();
    if (!read?.ok || running) return;
    errorBox.hidden = true;
    options.onRun(read.settings);
  };
  runButton.addEventListener('click', run);
  cancelButton.addEventListener('click', options.onCancel);

  return {
    elements: [h('div', { class: 'actions' }, runButton, cancelButton), validation, status, errorBox],
    status,
    get running() {
      return running;
    },
    setRunning,
    update,
    showError,
    run,
    handle(message) {
      switch (message.type) {
        case 'running':
          setRunning(true);
          return true;
        case 'cancelled':
          setRunning(false);
          status.textContent = 'Cancelled.';
          return true;
        case 'error':
          setRunning(false);
          showError(message.message ?? 'Something went wrong.');
          return true;
        default:
          return false;
      }
    },
  };
}
