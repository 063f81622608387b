/** The current scenario: what the Hit Rate Lab last ran, which the side view shows and runs. */
import * as vscode from 'vscode';
import { defaultLabSettings, type SimulationPreferences } from './lab';
import { labSettingsSchema, type LabSettings } from './shared/protocol';

const STATE_KEY = 'cacheLab.scenario';

export function readPreferences(): SimulationPreferences & { runRequests: number; requestLogSize: number } {
  const config = vscode.workspace.getConfiguration('cacheLab.simulation');
  return {
    policy: config.get<string>('policy', 'lru'),
    requestRate: config.get<number>('requestRate', 100_000),
    seed: config.get<number>('seed', 42),
    runRequests: config.get<number>('runRequests', 1_000_000),
    requestLogSize: config.get<number>('requestLogSize', 50),
  };
}

export class ScenarioStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LabSettings>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** The saved scenario, or one built from the settings when none was saved or it no longer validates. */
  get settings(): LabSettings {
    const saved = labSettingsSchema.safeParse(this.memento.get(STATE_KEY));
    return saved.success ? saved.data : defaultLabSettings(readPreferences());
  }

  async update(settings: LabSettings): Promise<void> {
    await this.memento.update(STATE_KEY, settings);
    this.changed.fire(settings);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
