/** The controls that choose a built-in workload, shared by the panels that generate requests. */
import type { Catalog } from '../../src/shared/protocol';
import type { WorkloadSpec } from '../../src/sim/workloads/workload';
import { h } from './dom';
import { field, numberValue, select, selected, textfield } from './fields';

export interface WorkloadFields {
  /** The workload select with the key count, then the fields of the chosen workload. */
  readonly rows: readonly HTMLElement[];
  /** The workload the controls describe, unvalidated: the caller's schema checks it. */
  read(): unknown;
  /** Number of keys typed, NaN when empty. */
  keys(): number;
  /** Shows only the fields the chosen workload uses. */
  sync(): void;
}

export function createWorkloadFields(catalog: Catalog, workload: WorkloadSpec): WorkloadFields {
  const workloadSelect = select('workload', catalog.workloads, workload.kind);
  const keys = textfield('keys', workload.keys, { min: 1 });
  const alpha = textfield('alpha', 'alpha' in workload ? workload.alpha : 0.9, { min: 0, max: 5, step: 0.1 });
  const hotRequests = textfield('hot-requests', workload.kind === 'hotspot' ? workload.hotRequestPercent : 80, { min: 0, max: 100 });
  const hotKeys = textfield('hot-keys', workload.kind === 'hotspot' ? workload.hotKeyPercent : 20, { min: 0, max: 100 });
  const alphaField = field('alpha', 'Zipf alpha', alpha);
  const hotRequestsField = field('hot-requests', 'Hot requests (%)', hotRequests);
  const hotKeysField = field('hot-keys', 'Hot keys (%)', hotKeys);
  return {
    rows: [
      h('div', { class: 'row' }, field('workload', 'Workload', workloadSelect), field('keys', 'Keys (working set)', keys)),
      h('div', { class: 'row' }, alphaField, hotRequestsField, hotKeysField),
    ],
    read() {
      const kind = selected(workloadSelect);
      if (kind === 'hotspot') {
        return { kind, keys: numberValue(keys), hotRequestPercent: numberValue(hotRequests), hotKeyPercent: numberValue(hotKeys) };
      }
      return kind === 'zipf' || kind === 'shift' ? { kind, keys: numberValue(keys), alpha: numberValue(alpha) } : { kind, keys: numberValue(keys) };
    },
    keys: () => numberValue(keys),
    sync() {
      const kind = selected(workloadSelect);
      alphaField.hidden = kind !== 'zipf' && kind !== 'shift';
      hotRequestsField.hidden = kind !== 'hotspot';
      hotKeysField.hidden = kind !== 'hotspot';
    },
  };
}
