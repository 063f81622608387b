import { h } from './dom';

/** A labelled figure whose raw number sits in data-value, for tests and for anyone reading the DOM. */
export function statTile(testId: string, label: string): { element: HTMLElement; set(value: number, text: string): void } {
  const value = h('span', { class: 'stat-value', 'data-testid': testId }, '–');
  const element = h('div', { class: 'stat', role: 'group', 'aria-label': label }, h('span', { class: 'stat-label' }, label), value);
  return {
    element,
    set(raw, text) {
      value.dataset.value = String(raw);
      value.textContent = text;
    },
  };
}
