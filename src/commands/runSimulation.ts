/** `Cache Lab: Run Simulation`: replays the current scenario at full length, live in the side view. */
import * as vscode from 'vscode';
import { simulationConfig } from '../lab';
import { readPreferences, type ScenarioStore } from '../scenarioStore';
import { SimulationCancelled } from '../simulationRunner';
import type { SimulationService } from '../simulationService';
import type { SimulatorViewProvider } from '../views/simulatorView';

const numberFormat = new Intl.NumberFormat('en-US');

export async function runSimulation(
  simulations: SimulationService,
  scenario: ScenarioStore,
  view: SimulatorViewProvider,
): Promise<void> {
  const settings = scenario.settings;
  const requests = readPreferences().runRequests;
  const job = { kind: 'simulate', config: simulationConfig(settings, requests, 0) } as const;
  const title = `Cache Lab: simulating ${numberFormat.format(requests)} requests (${settings.policy.toUpperCase()})`;
  try {
    const result = await simulations.run(job, title, (progress) => {
      if (progress.kind === 'simulate') view.post({ type: 'progress', progress: progress.progress });
    });
    view.post({ type: 'finished', result });
    vscode.window.setStatusBarMessage(
      `$(pass) Cache Lab: ${(result.hitRatio * 100).toFixed(2)}% hits over ${numberFormat.format(result.requests)} requests`,
      10_000,
    );
  } catch (error) {
    if (error instanceof SimulationCancelled) {
      view.post({ type: 'cancelled' });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    view.post({ type: 'error', message });
    void vscode.window.showErrorMessage(`Cache Lab: the simulation failed: ${message}`);
  }
}
