/** What every Cache Lab panel shares: its webview shell, validated messages, and one cancellable run at a time. */
import * as vscode from 'vscode';
import type { z } from 'zod';
import { parseMessage } from '../shared/protocol';
import { SimulationCancelled } from '../simulationRunner';
import type { SimulationService } from '../simulationService';
import { webviewHtml, webviewOptions } from '../webviewHtml';

/** What a panel that runs simulations needs from the extension. */
export interface PanelDependencies {
  readonly extensionUri: vscode.Uri;
  readonly simulations: SimulationService;
  readonly log: vscode.LogOutputChannel;
}

/** Messages every panel's webview understands, whatever else it does. */
type RunMessage = { type: 'running' } | { type: 'cancelled' } | { type: 'error'; message: string };

export interface PanelHostOptions<In> {
  readonly extensionUri: vscode.Uri;
  /** The folder under webview/ the panel's script is built from. */
  readonly bundle: string;
  readonly title: string;
  readonly schema: z.ZodType<In>;
  readonly log: vscode.LogOutputChannel;
  readonly onMessage: (message: In) => void | Promise<void>;
  readonly onDispose: () => void;
}

export class PanelHost<In, Out extends { type: string }> implements vscode.Disposable {
  private run: vscode.CancellationTokenSource | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly options: PanelHostOptions<In>,
  ) {
    panel.iconPath = vscode.Uri.joinPath(options.extensionUri, 'media', 'cache-lab.svg');
    panel.webview.options = webviewOptions(options.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, options.extensionUri, options.bundle, options.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  post(message: Out | RunMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(data: unknown): Promise<void> {
    const parsed = parseMessage(this.options.schema, data);
    if (!parsed.ok) {
      this.options.log.warn(`${this.options.title} sent a message Cache Lab does not understand:\n${parsed.error}`);
      this.post({ type: 'error', message: `Cache Lab ignored an invalid message: ${parsed.error}` });
      return;
    }
    await this.options.onMessage(parsed.message);
  }

  /**
   * Runs `work` as the panel's only run: starting one cancels the one before. Tells the webview it
   * is running, then that it was cancelled or failed; returns the result only if no newer run
   * replaced this one, and undefined otherwise.
   */
  async exclusiveRun<T>(work: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
    this.run?.cancel();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    this.post({ type: 'running' });
    try {
      const result = await work(run.token);
      return this.run === run ? result : undefined;
    } catch (error) {
      if (this.run !== run) return undefined;
      if (error instanceof SimulationCancelled) this.post({ type: 'cancelled' });
      else this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      return undefined;
    } finally {
      run.dispose();
      if (this.run === run) this.run = undefined;
    }
  }

  /** Whether `exclusiveRun` is still running work started by this call's run (for progress). */
  isRunning(token: vscode.CancellationToken): boolean {
    return this.run?.token === token;
  }

  cancelRun(): void {
    this.run?.cancel();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.options.onDispose();
    this.run?.cancel();
    this.panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
