/** Form controls shared by the panels: labelled fields, selects that report their value early, issue wording. */
import type { z } from 'zod';
import { h } from './dom';
import type { VscodeSingleSelect, VscodeTextfield } from './elements';
import { formatCount } from './format';

export function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'field', id: `${id}-field` }, h('vscode-label', { for: id }, label), control, hint);
}

export function textfield(id: string, value: string | number, attributes: Record<string, string | number> = {}): VscodeTextfield {
  const control = h('vscode-textfield', { id, type: 'number', ...attributes }) as VscodeTextfield;
  control.value = String(value);
  return control;
}

export function select(id: string, options: readonly { id: string; label: string; description: string }[], value: string): VscodeSingleSelect {
  return h('vscode-single-select', { id, 'data-initial': value },
    ...options.map((o) => h('vscode-option', { value: o.id, description: o.description, selected: o.id === value }, o.label))) as VscodeSingleSelect;
}

/** A select's value; until it has rendered its options it reports '', so fall back to the value it was built with. */
export function selected(control: VscodeSingleSelect): string {
  return control.value || (control.dataset.initial ?? '');
}

export function describeIssue(issue: z.core.$ZodIssue): string {
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

/** A number field's value, or NaN when it is empty. */
export function numberValue(control: VscodeTextfield): number {
  const text = String(control.value ?? '').trim();
  return text === '' ? NaN : Number(text);
}

export type FormReading<T> = { ok: true; settings: T } | { ok: false; error: string };

/** Checks what the controls hold against `schema`; on failure names the first bad field by its label. */
export function readForm<T>(schema: z.ZodType<T>, candidate: unknown, labels: Record<string, string>): FormReading<T> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = [...issue.path].reverse().find((part) => typeof part === 'string' && part in labels) as string | undefined;
  return { ok: false, error: `${name ? labels[name] : 'A setting'}: ${describeIssue(issue)}` };
}

/** Calls `sync` and then `listener` whenever any control inside `element` changes. */
export function onFormChange(element: HTMLElement, sync: () => void, listener: () => void): void {
  const handler = (): void => {
    sync();
    listener();
  };
  element.addEventListener('input', handler);
  element.addEventListener('change', handler);
}
