import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { runSimulation } from './commands/runSimulation';
import { COMPARE_VIEW_TYPE, ComparePanel } from './panels/comparePanel';
import { HIT_RATE_LAB_VIEW_TYPE, HitRateLabPanel, type LabDependencies } from './panels/hitRateLabPanel';
import { RACE_VIEW_TYPE, RacePanel } from './panels/racePanel';
import { DISTRIBUTION_VIEW_TYPE, distributionPanel } from './panels/distributionPanel';
import { STAMPEDE_VIEW_TYPE, stampedePanel } from './panels/stampedePanel';
import { STRATEGIES_VIEW_TYPE, strategiesPanel } from './panels/strategiesPanel';
import { ScenarioStore } from './scenarioStore';
import { raceRequestSchema } from './shared/protocol';
import { SimulationService } from './simulationService';
import { SIMULATOR_VIEW_ID, SimulatorViewProvider } from './views/simulatorView';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Cache Lab', { log: true });
  const simulations = new SimulationService(context.asAbsolutePath('dist/simWorker.js'), log);
  const scenario = new ScenarioStore(context.workspaceState);
  const simulatorView = new SimulatorViewProvider(context.extensionUri, scenario, simulations, log);
  const labDependencies: LabDependencies = { extensionUri: context.extensionUri, simulations, scenario, log };

  context.subscriptions.push(
    log,
    simulations,
    scenario,
    simulatorView,
    vscode.window.registerWebviewViewProvider(SIMULATOR_VIEW_ID, simulatorView),
    vscode.window.registerWebviewPanelSerializer(HIT_RATE_LAB_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => HitRateLabPanel.revive(panel, state, labDependencies),
    }),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => ComparePanel.revive(panel, state, labDependencies),
    }),
    vscode.window.registerWebviewPanelSerializer(RACE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => RacePanel.revive(panel, state, labDependencies),
    }),
    vscode.commands.registerCommand('cacheLab.openHitRateLab', () => HitRateLabPanel.show(labDependencies)),
    vscode.window.registerWebviewPanelSerializer(STRATEGIES_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => strategiesPanel.revive(panel, state, labDependencies),
    }),
    vscode.window.registerWebviewPanelSerializer(STAMPEDE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => stampedePanel.revive(panel, state, labDependencies),
    }),
    vscode.window.registerWebviewPanelSerializer(DISTRIBUTION_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => distributionPanel.revive(panel, state, labDependencies),
    }),
    // From the Command Palette with no argument; from an analyzer finding with the race to show.
    vscode.commands.registerCommand('cacheLab.stepThroughRace', (request?: unknown) => {
      const parsed = request === undefined ? undefined : raceRequestSchema.safeParse(request);
      if (parsed && !parsed.success) {
        const issue = parsed.error.issues[0];
        return void vscode.window.showErrorMessage(`Cache Lab: cannot step through that race: ${issue ? `${issue.path.join('.') || 'the request'}: ${issue.message}` : 'not a race request'}`);
      }
      RacePanel.show(labDependencies, parsed?.data);
    }),
    vscode.commands.registerCommand('cacheLab.compareWriteStrategies', () => strategiesPanel.show(labDependencies)),
    vscode.commands.registerCommand('cacheLab.openStampedeLab', () => stampedePanel.show(labDependencies)),
    vscode.commands.registerCommand('cacheLab.openDistributionLab', () => distributionPanel.show(labDependencies)),
    vscode.commands.registerCommand('cacheLab.openComparePolicies', () => ComparePanel.show(labDependencies)),
    vscode.commands.registerCommand('cacheLab.runSimulation', () => runSimulation(simulations, scenario, simulatorView)),
    vscode.commands.registerCommand('cacheLab.cancelSimulation', () => simulations.cancelAll()),
  );
  const analysis = new AnalysisService(context.extensionUri, log);
  context.subscriptions.push(analysis);
  void analysis.start().catch((error: unknown) => log.error(`The analyzer stopped: ${error instanceof Error ? error.message : String(error)}`));
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {}
