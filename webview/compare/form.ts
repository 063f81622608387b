/** The Compare Eviction Policies controls: source, policies, sizes; read into validated settings. */
import { traceFormats } from '../../src/sim/trace/formats';
import { compareSettingsSchema, type Catalog, type CompareSettings, type CsvColumns } from '../../src/shared/protocol';
import { h } from '../common/dom';
import type { VscodeButton, VscodeCheckbox, VscodeTextfield } from '../common/elements';
import { field, numberValue, onFormChange, readForm, select, selected, textfield, type FormReading } from '../common/fields';
import { createWorkloadFields } from '../common/workloadFields';

const FIELD_LABELS: Record<string, string> = {
  keys: 'Keys',
  alpha: 'Zipf alpha',
  hotRequestPercent: 'Hot requests',
  hotKeyPercent: 'Hot keys',
  requests: 'Requests',
  path: 'Trace file',
  key: 'Key column',
  delimiter: 'Delimiter',
  policies: 'Policies',
  sizePercents: 'Cache sizes',
  requestRate: 'Request rate',
  seed: 'Seed',
};

/** Policy groups in the order the form lists them. */
const GROUPS: readonly { title: string; test: (id: string) => boolean }[] = [
  { title: 'Redis', test: (id) => id.startsWith('allkeys-') || id.startsWith('volatile-') || id === 'noeviction' },
  { title: 'Offline bound', test: (id) => id === 'opt' },
  { title: 'Classic and modern', test: () => true },
];

export interface CompareForm {
  readonly element: HTMLElement;
  read(): FormReading<CompareSettings>;
  onChange(listener: () => void): void;
  /** Puts a path chosen in VS Code's open dialog into the trace field. */
  setTracePath(path: string): void;
  /** Called when the user asks to browse for a trace. */
  onBrowse(listener: () => void): void;
}

function textValue(id: string, value: string): VscodeTextfield {
  const control = h('vscode-textfield', { id }) as VscodeTextfield;
  control.value = value;
  return control;
}

/** A CSV column as typed: a number is a column number, anything else a header name; empty is none. */
function column(control: VscodeTextfield): number | string | undefined {
  const text = String(control.value ?? '').trim();
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

export function createCompareForm(catalog: Catalog, initial: CompareSettings): CompareForm {
  const source = initial.source;
  const workloadDefaults = source.kind === 'workload' ? source.workload : { kind: 'zipf' as const, keys: 10_000, alpha: 1 };
  const sourceKind = select('source-kind', [
    { id: 'workload', label: 'Built-in workload', description: 'A seeded generated workload' },
    { id: 'trace', label: 'Trace file', description: 'oracleGeneral, CSV or text' },
  ], source.kind);
  const workload = createWorkloadFields(catalog, workloadDefaults);
  const requests = textfield('requests', source.kind === 'workload' ? source.requests : 200_000, { min: 1 });
  const tracePath = textValue('trace-path', source.kind === 'trace' ? source.path : '');
  const browse = h('vscode-button', { id: 'browse-trace', secondary: true, icon: 'folder-opened' }, 'Browse…') as VscodeButton;
  const formatSelect = select('trace-format', traceFormats.map((id) => ({ id, label: id, description: '' })), source.kind === 'trace' ? source.format : 'oracleGeneral');
  const csv: CsvColumns = (source.kind === 'trace' && source.csv) || { key: 1, header: false, delimiter: ',' };
  const csvKey = textValue('csv-key', String(csv.key));
  const csvTime = textValue('csv-time', csv.time === undefined ? '' : String(csv.time));
  const csvSize = textValue('csv-size', csv.size === undefined ? '' : String(csv.size));
  const csvOp = textValue('csv-op', csv.op === undefined ? '' : String(csv.op));
  const csvTtl = textValue('csv-ttl', csv.ttl === undefined ? '' : String(csv.ttl));
  const csvHeader = h('vscode-checkbox', { id: 'csv-header', label: 'First line is a header', checked: csv.header }) as VscodeCheckbox;
  const csvDelimiter = textValue('csv-delimiter', csv.delimiter === '\t' ? '\\t' : csv.delimiter);

  const policyBoxes = catalog.policies.map(
    (p) => h('vscode-checkbox', { id: `policy-${p.id}`, label: p.label, value: p.id, title: p.description, checked: initial.policies.includes(p.id) }) as VscodeCheckbox,
  );
  const grouped = new Map<string, VscodeCheckbox[]>(GROUPS.map((group) => [group.title, []]));
  for (const box of policyBoxes) grouped.get(GROUPS.find((group) => group.test(box.value))!.title)!.push(box);
  const sizes = textValue('size-percents', initial.sizePercents.join(', '));
  const seed = textfield('seed', initial.seed, { min: 0 });
  const requestRate = textfield('request-rate', initial.requestRate, { min: 1 });
  const ignoreSizes = h('vscode-checkbox', { id: 'ignore-obj-size', label: 'Ignore object sizes (count objects)', checked: initial.ignoreObjectSize }) as VscodeCheckbox;

  const workloadPart = h('div', { class: 'form' }, ...workload.rows, field('requests', 'Requests', requests));
  const csvPart = h('div', { class: 'form' },
    h('div', { class: 'row' }, field('csv-key', 'Key column', csvKey), field('csv-time', 'Time column', csvTime), field('csv-size', 'Size column', csvSize)),
    h('div', { class: 'row' }, field('csv-op', 'Operation column', csvOp), field('csv-ttl', 'TTL column', csvTtl), field('csv-delimiter', 'Delimiter', csvDelimiter)),
    csvHeader,
    h('p', { class: 'hint' }, 'Columns by number (1 is the first) or, with a header, by name.'));
  const tracePart = h('div', { class: 'form' },
    h('div', { class: 'row' }, field('trace-path', 'Trace file', tracePath), h('div', { class: 'field checkbox-field' }, browse)),
    field('trace-format', 'Format', formatSelect),
    csvPart,
    ignoreSizes);

  const element = h('div', { class: 'form' },
    field('source-kind', 'Requests from', sourceKind),
    workloadPart,
    tracePart,
    ...[...grouped].filter(([, boxes]) => boxes.length > 0).map(([title, boxes]) =>
      h('fieldset', { class: 'compare' }, h('legend', {}, `${title} policies`), ...boxes)),
    field('size-percents', 'Cache sizes (% of the working set, comma-separated)', sizes),
    h('div', { class: 'row' }, field('request-rate', 'Request rate (req/s)', requestRate), field('seed', 'Seed', seed)),
  );

  const candidate = (): unknown => {
    const kind = selected(sourceKind);
    const format = selected(formatSelect);
    const delimiterText = String(csvDelimiter.value ?? '');
    const csvColumns = {
      key: column(csvKey),
      ...(column(csvTime) !== undefined ? { time: column(csvTime) } : {}),
      ...(column(csvSize) !== undefined ? { size: column(csvSize) } : {}),
      ...(column(csvOp) !== undefined ? { op: column(csvOp) } : {}),
      ...(column(csvTtl) !== undefined ? { ttl: column(csvTtl) } : {}),
      header: csvHeader.checked,
      delimiter: delimiterText === '\\t' || delimiterText.toLowerCase() === 'tab' ? '\t' : delimiterText,
    };
    return {
      source: kind === 'trace'
        ? { kind, path: String(tracePath.value ?? '').trim(), format, ...(format === 'csv' ? { csv: csvColumns } : {}) }
        : { kind: 'workload', workload: workload.read(), requests: numberValue(requests) },
      policies: policyBoxes.filter((box) => box.checked).map((box) => box.value),
      sizePercents: String(sizes.value ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number),
      seed: numberValue(seed),
      requestRate: numberValue(requestRate),
      ignoreObjectSize: ignoreSizes.checked,
    };
  };

  const sync = (): void => {
    const kind = selected(sourceKind);
    workloadPart.hidden = kind !== 'workload';
    tracePart.hidden = kind !== 'trace';
    csvPart.hidden = selected(formatSelect) !== 'csv';
    workload.sync();
  };
  sync();

  return {
    element,
    read: () => readForm(compareSettingsSchema, candidate(), FIELD_LABELS),
    onChange: (listener) => onFormChange(element, sync, listener),
    setTracePath(path) {
      tracePath.value = path;
      element.dispatchEvent(new Event('change'));
    },
    onBrowse(listener) {
      browse.addEventListener('click', listener);
    },
  };
}
