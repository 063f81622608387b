/** Compare Eviction Policies: a webview panel that replays one workload or trace through many policies and sizes. */
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { defaultCompareSettings, unknownComparedPolicy } from '../compareSettings';
import { catalog } from '../lab';
import { readPreferences } from '../scenarioStore';
import { comparisonCsv, type Comparison } from '../sim/compare';
import { compareSettingsSchema, compareToHostSchema, type CompareSettings, type CompareToHost, type HostToCompare } from '../shared/protocol';
import { webviewOptions } from '../webviewHtml';
import { PanelHost, type PanelDependencies } from './panelHost';

export const COMPARE_VIEW_TYPE = 'cacheLab.compare';

export class ComparePanel {
  private static current: ComparePanel | undefined;
  private readonly host: PanelHost<CompareToHost, HostToCompare>;

  /** Shows the panel, reusing the open one. */
  static show(deps: PanelDependencies): void {
    if (ComparePanel.current) {
      ComparePanel.current.host.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Eviction Policies', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    ComparePanel.current = new ComparePanel(panel, deps, defaultCompareSettings(readPreferences()));
  }

  /** Restores a panel that was open when VS Code last closed, with the settings its webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: PanelDependencies): void {
    const saved = compareSettingsSchema.safeParse((state as { settings?: unknown } | undefined)?.settings);
    ComparePanel.current?.host.dispose();
    ComparePanel.current = new ComparePanel(panel, deps, saved.success ? saved.data : defaultCompareSettings(readPreferences()));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: PanelDependencies,
    private readonly initialSettings: CompareSettings,
  ) {
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      bundle: 'compare',
      title: 'Compare Eviction Policies',
      schema: compareToHostSchema,
      log: deps.log,
      onMessage: (message) => this.receive(message),
      onDispose: () => {
        if (ComparePanel.current === this) ComparePanel.current = undefined;
      },
    });
  }

  private async receive(message: CompareToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.host.post({ type: 'init', catalog, settings: this.initialSettings });
        break;
      case 'run':
        await this.compare(message.settings);
        break;
      case 'cancel':
        this.host.cancelRun();
        break;
      case 'pickTrace': {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Use trace',
          title: 'Choose a trace file',
          filters: { Traces: ['oracleGeneral', 'bin', 'csv', 'txt', 'trace'], 'All files': ['*'] },
        });
        if (picked?.[0]) this.host.post({ type: 'tracePicked', path: picked[0].fsPath });
        break;
      }
      case 'exportCsv':
        await this.exportCsv(message.comparison);
        break;
    }
  }

  private async exportCsv(comparison: Comparison): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await vscode.window.showSaveDialog({
      title: 'Export the comparison as CSV',
      saveLabel: 'Export',
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, 'policy-comparison.csv') } : {}),
    });
    if (!target) return;
    try {
      await writeFile(target.fsPath, comparisonCsv(comparison));
      this.host.post({ type: 'exported', path: target.fsPath });
    } catch (error) {
      this.host.post({ type: 'error', message: `Could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async compare(settings: CompareSettings): Promise<void> {
    const unknown = unknownComparedPolicy(settings);
    if (unknown !== undefined) {
      this.host.post({ type: 'error', message: `Unknown policy '${unknown}'.` });
      return;
    }
    const comparison = await this.host.exclusiveRun((token) =>
      this.deps.simulations.run({ kind: 'compare', settings } as const, 'Cache Lab: Compare Eviction Policies', (progress) => {
        if (progress.kind !== 'simulate' && this.host.isRunning(token)) {
          this.host.post({ type: 'progress', stage: progress.kind === 'reading' ? 'reading' : 'replaying', done: progress.done, total: progress.total });
        }
      }, token),
    );
    if (comparison) this.host.post({ type: 'result', settings, comparison });
  }
}
