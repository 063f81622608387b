/** The Hit Rate Lab's controls: builds them from the catalog, reads them into validated settings. */
import { capacityForPercent } from '../../src/sim/simulate';
import { labSettingsSchema, type Catalog, type LabSettings } from '../../src/shared/protocol';
import { h } from '../common/dom';
import type { VscodeCheckbox } from '../common/elements';
import { field, numberValue, onFormChange, readForm, select, selected, textfield, type FormReading } from '../common/fields';
import { createWorkloadFields } from '../common/workloadFields';
import { formatCount } from '../common/format';

/** Names for the settings' fields in validation messages. */
const FIELD_LABELS: Record<string, string> = {
  keys: 'Keys',
  alpha: 'Zipf alpha',
  hotRequestPercent: 'Hot requests',
  hotKeyPercent: 'Hot keys',
  requests: 'Requests',
  requestRate: 'Request rate',
  seed: 'Seed',
  seconds: 'TTL',
  comparePolicies: 'Compare policies',
};

export interface LabForm {
  readonly element: HTMLElement;
  /** The settings the controls hold, or a sentence naming the first invalid one. */
  read(): FormReading<LabSettings>;
  onChange(listener: () => void): void;
}

export function createLabForm(catalog: Catalog, initial: LabSettings): LabForm {
  const workload = createWorkloadFields(catalog, initial.workload);
  const size = h('input', { id: 'size-percent', type: 'range', min: 5, max: 95, step: 1, value: initial.sizePercent, 'aria-describedby': 'size-readout' });
  const sizeReadout = h('span', { id: 'size-readout', class: 'hint', 'aria-live': 'polite' });
  const requests = textfield('requests', initial.requests, { min: 1 });
  const policy = select('policy', catalog.policies, initial.policy);
  const requestRate = textfield('request-rate', initial.requestRate, { min: 1 });
  const seed = textfield('seed', initial.seed, { min: 0 });
  const compare = catalog.policies.map(
    (p) => h('vscode-checkbox', { id: `compare-${p.id}`, label: p.label, value: p.id, checked: initial.comparePolicies.includes(p.id) }) as VscodeCheckbox,
  );
  const ttlEnabled = h('vscode-checkbox', { id: 'ttl-enabled', label: 'Expire keys after a TTL', checked: initial.ttl !== null }) as VscodeCheckbox;
  const ttlSeconds = textfield('ttl-seconds', initial.ttl?.seconds ?? 60, { min: 0 });
  const activeExpiry = h('vscode-checkbox', { id: 'active-expiry', label: 'Active expiry cycle (Redis, 10 times a second)', checked: initial.ttl?.activeExpiry ?? true }) as VscodeCheckbox;

  const ttlFields = h('div', { class: 'row' }, field('ttl-seconds', 'TTL (seconds)', ttlSeconds), h('div', { class: 'field checkbox-field' }, activeExpiry));

  const element = h(
    'div',
    { class: 'form' },
    ...workload.rows,
    field('size-percent', 'Cache size (% of the working set)', size, sizeReadout),
    h('div', { class: 'row' }, field('requests', 'Requests', requests), field('policy', 'Policy', policy)),
    h('div', { class: 'row' }, field('request-rate', 'Request rate (req/s)', requestRate), field('seed', 'Seed', seed)),
    h('fieldset', { class: 'compare' }, h('legend', {}, 'Policies on the curve'), ...compare),
    ttlEnabled,
    ttlFields,
  );

  const number = numberValue;
  const candidate = (): unknown => {
    const workloadSpec = workload.read();
    return {
      workload: workloadSpec,
      policy: selected(policy),
      comparePolicies: compare.filter((c) => c.checked).map((c) => c.value),
      sizePercent: Number(size.value),
      requests: number(requests),
      requestRate: number(requestRate),
      seed: number(seed),
      ttl: ttlEnabled.checked ? { seconds: number(ttlSeconds), activeExpiry: activeExpiry.checked } : null,
    };
  };

  const syncVisibility = (): void => {
    workload.sync();
    ttlFields.hidden = !ttlEnabled.checked;
    const keyCount = workload.keys();
    sizeReadout.textContent = Number.isInteger(keyCount) && keyCount > 0
      ? `${size.value}%: ${formatCount(capacityForPercent(keyCount, Number(size.value)))} of ${formatCount(keyCount)} keys fit`
      : `${size.value}%`;
  };
  syncVisibility();

  return {
    element,
    read: () => readForm(labSettingsSchema, candidate(), FIELD_LABELS),
    onChange: (listener) => onFormChange(element, syncVisibility, listener),
  };
}
