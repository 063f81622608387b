/** Compare Write Strategies: a webview panel that simulates every write strategy on one workload. */
import * as vscode from 'vscode';
import { readPreferences } from '../scenarioStore';
import { strategiesToHostSchema, strategySettingsSchema, type HostToStrategies, type StrategiesToHost, type StrategySettings } from '../shared/protocol';
import { defaultStrategySettings, strategyCatalog } from '../strategySettings';
import { webviewOptions } from '../webviewHtml';
import { PanelHost, type PanelDependencies } from './panelHost';

export const STRATEGIES_VIEW_TYPE = 'cacheLab.strategies';

export class StrategiesPanel {
  private static current: StrategiesPanel | undefined;
  private readonly host: PanelHost<StrategiesToHost, HostToStrategies>;

  static show(deps: PanelDependencies): void {
    if (StrategiesPanel.current) {
      StrategiesPanel.current.host.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(STRATEGIES_VIEW_TYPE, 'Compare Write Strategies', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    StrategiesPanel.current = new StrategiesPanel(panel, deps, defaultStrategySettings(readPreferences().seed));
  }

  /** Restores a panel that was open when VS Code last closed, with the settings its webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: PanelDependencies): void {
    const saved = strategySettingsSchema.safeParse((state as { settings?: unknown } | undefined)?.settings);
    StrategiesPanel.current?.host.dispose();
    StrategiesPanel.current = new StrategiesPanel(panel, deps, saved.success ? saved.data : defaultStrategySettings(readPreferences().seed));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: PanelDependencies,
    private readonly initialSettings: StrategySettings,
  ) {
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      bundle: 'strategies',
      title: 'Compare Write Strategies',
      schema: strategiesToHostSchema,
      log: deps.log,
      onMessage: (message) => this.receive(message),
      onDispose: () => {
        if (StrategiesPanel.current === this) StrategiesPanel.current = undefined;
      },
    });
  }

  private async receive(message: StrategiesToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.host.post({ type: 'init', strategies: strategyCatalog, settings: this.initialSettings });
        break;
      case 'run': {
        const { settings } = message;
        const comparison = await this.host.exclusiveRun((token) =>
          this.deps.simulations.run({ kind: 'strategies', settings } as const, 'Cache Lab: Compare Write Strategies', undefined, token),
        );
        if (comparison) this.host.post({ type: 'result', settings, comparison });
        break;
      }
      case 'cancel':
        this.host.cancelRun();
        break;
    }
  }
}
