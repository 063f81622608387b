/** The Hit Rate Lab's controls: builds them from the catalog, reads them into validated settings. */
import { capacityForPercent } from '../../src/sim/simulate';
import type { z } from 'zod';
import { labSettingsSchema, type Catalog, type LabSettings } from '../../src/shared/protocol';
import { h } from '../common/dom';
import type { VscodeCheckbox, VscodeSingleSelect, VscodeTextfield } from '../common/elements';
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
  read(): { ok: true; settings: LabSettings } | { ok: false; error: string };
  onChange(listener: () => void): void;
}

function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'field', id: `${id}-field` }, h('vscode-label', { for: id }, label), control, hint);
}

function textfield(id: string, value: string | number, attributes: Record<string, string | number> = {}): VscodeTextfield {
  const control = h('vscode-textfield', { id, type: 'number', ...attributes }) as VscodeTextfield;
  control.value = String(value);
  return control;
}

function select(id: string, options: readonly { id: string; label: string; description: string }[], value: string): VscodeSingleSelect {
  return h('vscode-single-select', { id, 'data-initial': value },
    ...options.map((o) => h('vscode-option', { value: o.id, description: o.description, selected: o.id === value }, o.label))) as VscodeSingleSelect;
}

/** A select's value; until it has rendered its options it reports '', so fall back to the value it was built with. */
function selected(control: VscodeSingleSelect): string {
  return control.value || (control.dataset.initial ?? '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'enter a whole number' : 'enter a number';
    case 'too_small':
      return issue.origin === 'array' ? 'choose at least one' : `must be ${issue.inclusive ? 'at least' : 'more than'} ${formatCount(Number(issue.minimum))}`;
    case 'too_big':
      return `must be at most ${formatCount(Number(issue.maximum))}`;
    default:
      return issue.message;
  }
}

export function createLabForm(catalog: Catalog, initial: LabSettings): LabForm {
  const workload = initial.workload;
  const workloadSelect = select('workload', catalog.workloads, workload.kind);
  const keys = textfield('keys', workload.keys, { min: 1 });
  const alpha = textfield('alpha', 'alpha' in workload ? workload.alpha : 0.9, { min: 0, max: 5, step: 0.1 });
  const hotRequests = textfield('hot-requests', workload.kind === 'hotspot' ? workload.hotRequestPercent : 80, { min: 0, max: 100 });
  const hotKeys = textfield('hot-keys', workload.kind === 'hotspot' ? workload.hotKeyPercent : 20, { min: 0, max: 100 });
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

  const alphaField = field('alpha', 'Zipf alpha', alpha);
  const hotRequestsField = field('hot-requests', 'Hot requests (%)', hotRequests);
  const hotKeysField = field('hot-keys', 'Hot keys (%)', hotKeys);
  const ttlFields = h('div', { class: 'row' }, field('ttl-seconds', 'TTL (seconds)', ttlSeconds), h('div', { class: 'field checkbox-field' }, activeExpiry));

  const element = h(
    'div',
    { class: 'form' },
    h('div', { class: 'row' }, field('workload', 'Workload', workloadSelect), field('keys', 'Keys (working set)', keys)),
    h('div', { class: 'row' }, alphaField, hotRequestsField, hotKeysField),
    field('size-percent', 'Cache size (% of the working set)', size, sizeReadout),
    h('div', { class: 'row' }, field('requests', 'Requests', requests), field('policy', 'Policy', policy)),
    h('div', { class: 'row' }, field('request-rate', 'Request rate (req/s)', requestRate), field('seed', 'Seed', seed)),
    h('fieldset', { class: 'compare' }, h('legend', {}, 'Policies on the curve'), ...compare),
    ttlEnabled,
    ttlFields,
  );

  const number = (control: VscodeTextfield): number => {
    const text = String(control.value ?? '').trim();
    return text === '' ? NaN : Number(text);
  };
  const candidate = (): unknown => {
    const kind = selected(workloadSelect);
    const workloadSpec =
      kind === 'hotspot'
        ? { kind, keys: number(keys), hotRequestPercent: number(hotRequests), hotKeyPercent: number(hotKeys) }
        : kind === 'zipf' || kind === 'shift'
          ? { kind, keys: number(keys), alpha: number(alpha) }
          : { kind, keys: number(keys) };
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
    const kind = selected(workloadSelect);
    alphaField.hidden = kind !== 'zipf' && kind !== 'shift';
    hotRequestsField.hidden = kind !== 'hotspot';
    hotKeysField.hidden = kind !== 'hotspot';
    ttlFields.hidden = !ttlEnabled.checked;
    const keyCount = number(keys);
    sizeReadout.textContent = Number.isInteger(keyCount) && keyCount > 0
      ? `${size.value}%: ${formatCount(capacityForPercent(keyCount, Number(size.value)))} of ${formatCount(keyCount)} keys fit`
      : `${size.value}%`;
  };
  syncVisibility();

  return {
    element,
    read() {
      const parsed = labSettingsSchema.safeParse(candidate());
      if (parsed.success) return { ok: true, settings: parsed.data };
      const issue = parsed.error.issues[0]!;
      const name = [...issue.path].reverse().find((part) => typeof part === 'string' && part in FIELD_LABELS) as string | undefined;
      const what = name ? FIELD_LABELS[name] : 'A setting';
      return { ok: false, error: `${what}: ${describeIssue(issue)}` };
    },
    onChange(listener) {
      const handler = (): void => {
        syncVisibility();
        listener();
      };
      element.addEventListener('input', handler);
      element.addEventListener('change', handler);
    },
  };
}
