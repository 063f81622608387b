/**
 * A panel whose webview edits settings and asks for one simulation at a time: Compare Write
 * Strategies and the Stampede Lab. One instance per kind, restored with its saved settings.
 */
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { CatalogEntry } from '../shared/protocol';
import type { JobResult, SimulationJob } from '../worker/jobs';
import { webviewOptions } from '../webviewHtml';
import { PanelHost, type PanelDependencies } from './panelHost';

type ToHost<Settings> = { type: 'ready' } | { type: 'run'; settings: Settings } | { type: 'cancel' };
type FromHost<Settings, Outcome> =
  | { type: 'init'; catalog: readonly CatalogEntry[]; settings: Settings }
  | { type: 'result'; settings: Settings; outcome: Outcome };

export interface SimulationPanelSpec<Settings, Job extends SimulationJob> {
  readonly viewType: string;
  readonly title: string;
  /** The folder under webview/ the panel's script is built from. */
  readonly bundle: string;
  readonly settingsSchema: z.ZodType<Settings>;
  readonly toHostSchema: z.ZodType<ToHost<Settings>>;
  readonly defaults: () => Settings;
  /** What the form offers to compare (strategies, protections). */
  readonly catalog: readonly CatalogEntry[];
  job(settings: Settings): Job;
}

export interface SimulationPanelKind {
  show(deps: PanelDependencies): void;
  /** Restores a panel that was open when VS Code last closed, with the settings its webview saved. */
  revive(panel: vscode.WebviewPanel, state: unknown, deps: PanelDependencies): void;
}

export function simulationPanel<Settings, Job extends SimulationJob>(spec: SimulationPanelSpec<Settings, Job>): SimulationPanelKind {
  type Out = FromHost<Settings, JobResult<Job>>;
  let current: PanelHost<ToHost<Settings>, Out> | undefined;

  const open = (panel: vscode.WebviewPanel, deps: PanelDependencies, initial: Settings): void => {
    const host: PanelHost<ToHost<Settings>, Out> = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      bundle: spec.bundle,
      title: spec.title,
      schema: spec.toHostSchema,
      log: deps.log,
      onDispose: () => {
        if (current === host) current = undefined;
      },
      onMessage: async (message) => {
        switch (message.type) {
          case 'ready':
            host.post({ type: 'init', catalog: spec.catalog, settings: initial });
            break;
          case 'run': {
            const { settings } = message;
            const result = await host.exclusiveRun((token) => deps.simulations.run(spec.job(settings), `Cache Lab: ${spec.title}`, undefined, token));
            if (result) host.post({ type: 'result', settings, outcome: result });
            break;
          }
          case 'cancel':
            host.cancelRun();
            break;
        }
      },
    });
    current = host;
  };

  return {
    show(deps) {
      if (current) {
        current.panel.reveal();
        return;
      }
      open(vscode.window.createWebviewPanel(spec.viewType, spec.title, vscode.ViewColumn.Active, webviewOptions(deps.extensionUri)), deps, spec.defaults());
    },
    revive(panel, state, deps) {
      const saved = spec.settingsSchema.safeParse((state as { settings?: unknown } | undefined)?.settings);
      current?.dispose();
      open(panel, deps, saved.success ? saved.data : spec.defaults());
    },
  };
}
