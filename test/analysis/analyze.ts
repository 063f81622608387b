import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import type { Finding, Fix } from '../../src/analysis/findings';
import { Grammars } from '../../src/analysis/parsing';

export const wasmDirectory = join(__dirname, '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
export const sampleWorkspace = join(__dirname, '..', '..', 'sample-workspace');

/** One set of grammars for every test file: loading them is the slow part. */
export const grammars = new Grammars(wasmDirectory);

/** Analyses in-memory files together, as one workspace, and returns every finding. */
export async function analyzeSources(files: Record<string, string>): Promise<Finding[]> {
  const analyzer = new Analyzer(grammars);
  for (const [path, text] of Object.entries(files)) await analyzer.update(path, text);
  return analyzer.allFindings();
}

export const sample = (relative: string): string => readFileSync(join(sampleWorkspace, relative), 'utf8');

/** "CL001 at line 38" style summaries: what a reader checks first. */
export const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.code} ${f.path}:${f.range.startLine + 1}`);

/** CL006's findings in files analysed together: where they are, their messages up to the first colon, and their related locations. */
export async function cl006(files: Record<string, string>): Promise<{ lines: string[]; messages: string[]; related: string[] }> {
  const findings = (await analyzeSources(files)).filter((finding) => finding.code === 'CL006');
  return {
    lines: summary(findings),
    messages: findings.map((finding) => finding.message.split(':')[0]!),
    related: findings.flatMap((finding) => finding.related.map((r) => `${r.path}:${r.range.startLine + 1} ${r.message}`)),
  };
}

/** The text after a fix's edits, applied from the last offset back so earlier offsets stay valid. */
export function applyFix(text: string, fix: Fix): string {
  return [...fix.edits].sort((a, b) => b.range.start - a.range.start).reduce((result, edit) => result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end), text);
}

/** Analyses one file, applies the first fix of its only finding of `code`, and re-analyses the result. */
export async function fixed(path: string, text: string, code: string): Promise<{ finding: Finding; text: string; after: string[] }> {
  const findings = (await analyzeSources({ [path]: text })).filter((f) => f.code === code);
  expect(findings).toHaveLength(1);
  const finding = findings[0]!;
  const result = applyFix(text, finding.fixes[0]!);
  const after = (await analyzeSources({ [path]: result })).map((f) => f.code);
  return { finding, text: result, after };
}
