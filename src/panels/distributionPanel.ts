/** Distribution Lab: a webview panel that spreads keys over nodes, adds or removes one, and fails a Redis Cluster primary. */
import { defaultDistributionSettings, schemeCatalog } from '../distributionSettings';
import { readPreferences } from '../scenarioStore';
import { distributionSettingsSchema, distributionToHostSchema } from '../shared/protocol';
import { simulationPanel } from './simulationPanel';

export const DISTRIBUTION_VIEW_TYPE = 'cacheLab.distribution';

export const distributionPanel = simulationPanel({
  viewType: DISTRIBUTION_VIEW_TYPE,
  title: 'Distribution Lab',
  bundle: 'distribution',
  settingsSchema: distributionSettingsSchema,
  toHostSchema: distributionToHostSchema,
  defaults: () => defaultDistributionSettings(readPreferences().seed),
  catalog: schemeCatalog,
  job: (settings) => ({ kind: 'distribution', settings }) as const,
});
