/** Step Through a Race: a webview panel that plays an invalidation race one event at a time. */
import * as vscode from 'vscode';
import { raceScenarios } from '../sim/race/scenarios';
import { raceRequestSchema, raceToHostSchema, type HostToRace, type RaceRequest, type RaceToHost } from '../shared/protocol';
import { webviewOptions } from '../webviewHtml';
import { PanelHost, type PanelDependencies } from './panelHost';

export const RACE_VIEW_TYPE = 'cacheLab.race';

const scenarioInfo = raceScenarios.map(({ id, title, summary, parameters }) => ({ id, title, summary, parameters: [...parameters] }));

const defaultRequest: RaceRequest = { scenario: 'stale-set', parameters: {} };

export class RacePanel {
  private static current: RacePanel | undefined;
  private readonly host: PanelHost<RaceToHost, HostToRace>;

  /** Shows the panel (reusing the open one), running `request` if given. */
  static show(deps: PanelDependencies, request?: RaceRequest): void {
    if (RacePanel.current) {
      RacePanel.current.host.panel.reveal();
      if (request) void RacePanel.current.run(request);
      return;
    }
    const panel = vscode.window.createWebviewPanel(RACE_VIEW_TYPE, 'Step Through a Race', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    RacePanel.current = new RacePanel(panel, deps, request ?? defaultRequest);
  }

  /** Restores a panel that was open when VS Code last closed, on the scenario its webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, deps: PanelDependencies): void {
    const saved = raceRequestSchema.safeParse((state as { request?: unknown } | undefined)?.request);
    RacePanel.current?.host.dispose();
    RacePanel.current = new RacePanel(panel, deps, saved.success ? saved.data : defaultRequest);
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: PanelDependencies,
    private readonly initialRequest: RaceRequest,
  ) {
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      bundle: 'race',
      title: 'Step Through a Race',
      schema: raceToHostSchema,
      log: deps.log,
      onMessage: (message) => this.receive(message),
      onDispose: () => {
        if (RacePanel.current === this) RacePanel.current = undefined;
      },
    });
  }

  private async receive(message: RaceToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.host.post({ type: 'init', scenarios: scenarioInfo, request: this.initialRequest });
        await this.run(this.initialRequest);
        break;
      case 'run':
        await this.run(message.request);
        break;
      case 'explore':
        await this.explore(message.request);
        break;
      case 'cancel':
        this.host.cancelRun();
        break;
    }
  }

  private async run(request: RaceRequest): Promise<void> {
    const run = await this.host.exclusiveRun((token) => this.deps.simulations.run({ kind: 'race', request } as const, 'Cache Lab: Step Through a Race', undefined, token));
    if (run) this.host.post({ type: 'result', request, run });
  }

  private async explore(request: RaceRequest): Promise<void> {
    const exploration = await this.host.exclusiveRun((token) =>
      this.deps.simulations.run({ kind: 'raceExplore', request } as const, 'Cache Lab: Explore every interleaving', undefined, token),
    );
    if (exploration) this.host.post({ type: 'explored', request, exploration });
  }
}
