/** Stampede Lab: a webview panel that lets a hot key expire under load with each protection. */
import { readPreferences } from '../scenarioStore';
import { stampedeSettingsSchema, stampedeToHostSchema } from '../shared/protocol';
import { defaultStampedeSettings, protectionCatalog } from '../stampedeSettings';
import { simulationPanel } from './simulationPanel';

export const STAMPEDE_VIEW_TYPE = 'cacheLab.stampede';

export const stampedePanel = simulationPanel({
  viewType: STAMPEDE_VIEW_TYPE,
  title: 'Stampede Lab',
  bundle: 'stampede',
  settingsSchema: stampedeSettingsSchema,
  toHostSchema: stampedeToHostSchema,
  defaults: () => defaultStampedeSettings(readPreferences().seed),
  catalog: protectionCatalog,
  job: (settings) => ({ kind: 'stampede', settings }) as const,
});
