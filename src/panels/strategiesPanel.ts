/** Compare Write Strategies: a webview panel that simulates every write strategy on one workload. */
import { readPreferences } from '../scenarioStore';
import { strategiesToHostSchema, strategySettingsSchema } from '../shared/protocol';
import { defaultStrategySettings, strategyCatalog } from '../strategySettings';
import { simulationPanel } from './simulationPanel';

export const STRATEGIES_VIEW_TYPE = 'cacheLab.strategies';

export const strategiesPanel = simulationPanel({
  viewType: STRATEGIES_VIEW_TYPE,
  title: 'Compare Write Strategies',
  bundle: 'strategies',
  settingsSchema: strategySettingsSchema,
  toHostSchema: strategiesToHostSchema,
  defaults: () => defaultStrategySettings(readPreferences().seed),
  catalog: strategyCatalog,
  job: (settings) => ({ kind: 'strategies', settings }) as const,
});
