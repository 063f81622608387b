/** What a rule reports: where, why, what it relates to, and how to fix it. */
import type { SourceRange } from './facts';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  readonly path: string;
  readonly range: SourceRange;
  readonly message: string;
}

export interface TextEdit {
  readonly path: string;
  readonly range: SourceRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly range: SourceRange;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
  /** For "Step through this race": the scenario and the user's names. */
  readonly race?: { readonly scenario: string; readonly key: string; readonly reader: string; readonly writer: string };
}

/** A point range at an offset, for insertions. */
export function pointRange(offset: number, line: number, column: number): SourceRange {
  return { start: offset, end: offset, startLine: line, startColumn: column, endLine: line, endColumn: column };
}
