/** The Hit Rate Lab: a webview panel that replays requests and charts hit rate against cache size. */
import * as vscode from 'vscode';
import { catalog, curveConfig, simulationConfig, unknownPolicy } from '../lab';
import { readPreferences, type ScenarioStore } from '../scenarioStore';
import { SimulationCancelled } from '../simulationRunner';
import type { SimulationService } from '../simulationService';
import {
  labSettingsSchema,
  labToHostSchema,
  parseMessage,
  type HostToLab,
  type LabSettings,
} from '../shared/protocol';
import { webviewHtml, webviewOptions } from '../webviewHtml';

export const HIT_RATE_LAB_VIEW_TYPE = 'cacheLab.hitRateLab';

export interface LabDependencies {
  readonly extensionUri: vscode.Uri;
  readonly simulations: SimulationService;
  readonly scenario: ScenarioStore;
  readonly log: vscode.LogOutputChannel;
}

export class HitRateLabPanel implements vscode.Disposable {
  private static current: HitRateLabPanel | undefined;
  private run: vscode.CancellationTokenSource | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the lab, reusing the open one. */
  static show(deps: LabDependencies): void {
    if (HitRateLabPanel.current) {
      HitRateLabPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      HIT_RATE_LAB_VIEW_TYPE,
      'Hit Rate Lab',
      vscode.ViewColumn.Active,
      webviewOptions(deps.extensionUri),
    );
    HitRateLabPanel.current = new HitRateLabPanel(panel, deps, deps.scenario.settings);
  }

  /** Restores a lab that was open when VS Code last closed, with the settings its webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: LabDependencies): void {
    const saved = labSettingsSchema.safeParse((state as { settings?: unknown } | undefined)?.settings);
    HitRateLabPanel.current?.dispose();
    HitRateLabPanel.current = new HitRateLabPanel(panel, deps, saved.success ? saved.data : deps.scenario.settings);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: LabDependencies,
    private readonly initialSettings: LabSettings,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'cache-lab.svg');
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'hitRateLab', 'Hit Rate Lab');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostToLab): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(data: unknown): Promise<void> {
    const parsed = parseMessage(labToHostSchema, data);
    if (!parsed.ok) {
      this.deps.log.warn(`Hit Rate Lab sent a message Cache Lab does not understand:\n${parsed.error}`);
      this.post({ type: 'error', message: `Cache Lab ignored an invalid message: ${parsed.error}` });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', catalog, settings: this.initialSettings });
        break;
      case 'run':
        await this.runLab(message.settings);
        break;
      case 'cancel':
        this.run?.cancel();
        break;
    }
  }

  private async runLab(settings: LabSettings): Promise<void> {
    const unknown = unknownPolicy(settings);
    if (unknown !== undefined) {
      this.post({ type: 'error', message: `Unknown policy '${unknown}'.` });
      return;
    }
    this.run?.cancel();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    await this.deps.scenario.update(settings);
    this.post({ type: 'running' });
    const job = {
      kind: 'lab',
      simulation: simulationConfig(settings, settings.requests, readPreferences().requestLogSize),
      curve: curveConfig(settings),
    } as const;
    try {
      const { result, curve } = await this.deps.simulations.run(job, 'Cache Lab: Hit Rate Lab', undefined, run.token);
      if (this.run === run) this.post({ type: 'result', settings, result, curve });
    } catch (error) {
      if (this.run !== run) return;
      if (error instanceof SimulationCancelled) this.post({ type: 'cancelled' });
      else this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      run.dispose();
      if (this.run === run) this.run = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (HitRateLabPanel.current === this) HitRateLabPanel.current = undefined;
    this.run?.cancel();
    this.panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
