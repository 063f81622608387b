/** The Hit Rate Lab: a webview panel that replays requests and charts hit rate against cache size. */
import * as vscode from 'vscode';
import { catalog, curveConfig, simulationConfig, unknownPolicy } from '../lab';
import { readPreferences, type ScenarioStore } from '../scenarioStore';
import type { SimulationService } from '../simulationService';
import { labSettingsSchema, labToHostSchema, type HostToLab, type LabSettings, type LabToHost } from '../shared/protocol';
import { webviewOptions } from '../webviewHtml';
import { PanelHost } from './panelHost';

export const HIT_RATE_LAB_VIEW_TYPE = 'cacheLab.hitRateLab';

export interface LabDependencies {
  readonly extensionUri: vscode.Uri;
  readonly simulations: SimulationService;
  readonly scenario: ScenarioStore;
  readonly log: vscode.LogOutputChannel;
}

export class HitRateLabPanel {
  private static current: HitRateLabPanel | undefined;
  private readonly host: PanelHost<LabToHost, HostToLab>;

  /** Shows the lab, reusing the open one. */
  static show(deps: LabDependencies): void {
    if (HitRateLabPanel.current) {
      HitRateLabPanel.current.host.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(HIT_RATE_LAB_VIEW_TYPE, 'Hit Rate Lab', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    HitRateLabPanel.current = new HitRateLabPanel(panel, deps, deps.scenario.settings);
  }

  /** Restores a lab that was open when VS Code last closed, with the settings its webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: LabDependencies): void {
    const saved = labSettingsSchema.safeParse((state as { settings?: unknown } | undefined)?.settings);
    HitRateLabPanel.current?.host.dispose();
    HitRateLabPanel.current = new HitRateLabPanel(panel, deps, saved.success ? saved.data : deps.scenario.settings);
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: LabDependencies,
    private readonly initialSettings: LabSettings,
  ) {
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      bundle: 'hitRateLab',
      title: 'Hit Rate Lab',
      schema: labToHostSchema,
      log: deps.log,
      onMessage: (message) => this.receive(message),
      onDispose: () => {
        if (HitRateLabPanel.current === this) HitRateLabPanel.current = undefined;
      },
    });
  }

  private async receive(message: LabToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.host.post({ type: 'init', catalog, settings: this.initialSettings });
        break;
      case 'run':
        await this.runLab(message.settings);
        break;
      case 'cancel':
        this.host.cancelRun();
        break;
    }
  }

  private async runLab(settings: LabSettings): Promise<void> {
    const unknown = unknownPolicy(settings);
    if (unknown !== undefined) {
      this.host.post({ type: 'error', message: `Unknown policy '${unknown}'.` });
      return;
    }
    await this.deps.scenario.update(settings);
    const job = {
      kind: 'lab',
      simulation: simulationConfig(settings, settings.requests, readPreferences().requestLogSize),
      curve: curveConfig(settings),
    } as const;
    const outcome = await this.host.exclusiveRun((token) => this.deps.simulations.run(job, 'Cache Lab: Hit Rate Lab', undefined, token));
    if (outcome) this.host.post({ type: 'result', settings, result: outcome.result, curve: outcome.curve });
  }
}
