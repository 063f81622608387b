import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/analysis/analyzer';
import type { Finding } from '../../src/analysis/findings';
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
