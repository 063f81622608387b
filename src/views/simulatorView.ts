/** The "Simulator" side view: the current scenario, a Run button and live figures while it runs. */
import * as vscode from 'vscode';
import { catalog } from '../lab';
import { readPreferences, type ScenarioStore } from '../scenarioStore';
import type { SimulationService } from '../simulationService';
import { defaultStampedeSettings } from '../stampedeSettings';
import { parseMessage, sidebarToHostSchema, type HostToSidebar } from '../shared/protocol';
import { webviewHtml, webviewOptions } from '../webviewHtml';

export const SIMULATOR_VIEW_ID = 'cacheLab.simulator';

export class SimulatorViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly scenario: ScenarioStore,
    private readonly simulations: SimulationService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      scenario.onDidChange(() => this.postScenario()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cacheLab.simulation')) this.postScenario();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'sidebar', 'Simulator');
    view.webview.onDidReceiveMessage((data: unknown) => this.receive(data), undefined, this.disposables);
    view.onDidDispose(() => (this.view = undefined), undefined, this.disposables);
  }

  /** Sends a message to the view if it is open; progress for a closed view is simply not shown. */
  post(message: HostToSidebar): void {
    void this.view?.webview.postMessage(message);
  }

  private postScenario(): void {
    this.post({
      type: 'scenario',
      catalog,
      scenario: { settings: this.scenario.settings, runRequests: readPreferences().runRequests },
    });
  }

  private async runStampede(): Promise<void> {
    try {
      const outcome = await this.simulations.run({ kind: 'stampede', settings: defaultStampedeSettings(readPreferences().seed) }, 'Cache Lab: Stampede');
      this.post({ type: 'stampede', outcome });
    } catch (error) {
      this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private receive(data: unknown): void {
    const parsed = parseMessage(sidebarToHostSchema, data);
    if (!parsed.ok) {
      this.log.warn(`The Simulator view sent a message Cache Lab does not understand:\n${parsed.error}`);
      this.post({ type: 'error', message: `Cache Lab ignored an invalid message: ${parsed.error}` });
      return;
    }
    switch (parsed.message.type) {
      case 'ready':
        this.postScenario();
        break;
      case 'openLab':
        void vscode.commands.executeCommand(parsed.message.command);
        break;
      case 'runStampede':
        void this.runStampede();
        break;
      case 'runScenario':
        void vscode.commands.executeCommand('cacheLab.runSimulation');
        break;
      case 'cancel':
        void vscode.commands.executeCommand('cacheLab.cancelSimulation');
        break;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

