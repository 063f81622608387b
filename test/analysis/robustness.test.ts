/**
 * The analyzer on broken input: seeded random mutations of the sample workspace and of the test
 * snippets (truncated, spans and lines deleted, duplicated and swapped, letters typed, random
 * characters and NULs, unbalanced brackets and quotes, a very long line, deep nesting, a huge
 * file). Each mutated file goes through the editor's path (its changes, from the version before)
 * and must give exactly what analysing the whole workspace from scratch gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, defaultAnalyzerSettings, languageFor } from '../../src/analysis/analyzer';
import { pointAt } from '../../src/analysis/edits';
import type { SourceRange } from '../../src/analysis/facts';
import type { TextChange } from '../../src/analysis/parsing';
import { createRng, type Rng } from '../../src/sim/rng';
import { grammars, sampleWorkspace } from './analyze';

/** Batches of mutations, each batch of one file, after each of which the analyzer is compared with a fresh one. */
const STEPS = 15;
const MUTATIONS_PER_STEP = 6;

function sampleFiles(folder = sampleWorkspace): [string, string][] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sampleFiles(path);
    return languageFor(path) ? [[`sample/${relative(sampleWorkspace, path)}`, readFileSync(path, 'utf8')]] : [];
  });
}

const LITERAL = String.raw`(\x60(?:\\[\s\S]|[^\x60\\])*\x60|'(?:\\[\s\S]|[^'\\\n])*'|"(?:\\[\s\S]|[^"\\\n])*")`;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** A string or template literal's value; null for a template that substitutes. */
function literalValue(literal: string): string | null {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`') && /(^|[^\\])\$\{/.test(body)) return null;
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|[\s\S])/g, (_, escape: string) =>
    escape.length > 1 && /^[ux]/.test(escape) ? String.fromCodePoint(parseInt(escape.replace(/[ux{}]/g, ''), 16)) : /^\r?\n$/.test(escape) ? '' : (ESCAPES[escape] ?? escape));
}

/** The code the analyzer tests give it: each literal given with a file name (`'reader.py': ...`, `update('a.py', ...)`), or a constant so given. */
function snippets(): [string, string][] {
  const folder = __dirname;
  const found = new Map<string, string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.ts') && name !== basename(__filename))) {
    const source = readFileSync(join(folder, file), 'utf8');
    const constants = new Map([...source.matchAll(new RegExp(String.raw`const\s+([A-Za-z_$][\w$]*)\s*=\s*${LITERAL}`, 'g'))].map((m) => [m[1]!, m[2]!]));
    for (const match of source.matchAll(new RegExp(String.raw`'([\w./-]+)'\s*[:,]\s*(?:${LITERAL}|([A-Za-z_$][\w$]*))`, 'g'))) {
      const literal = match[2] ?? constants.get(match[3]!);
      const text = literal === undefined ? null : literalValue(literal);
      if (text && languageFor(match[1]!) && ![...found.values()].includes(text)) found.set(`fixtures/${file.replace('.test.ts', '')}/${found.size}-${basename(match[1]!)}`, text);
    }
  }
  return [...found];
}

function rangeOf(text: string, start: number, end: number): SourceRange {
  const [from, to] = [pointAt(text, start), pointAt(text, end)];
  return { start, end, startLine: from.startLine, startColumn: from.startColumn, endLine: to.startLine, endColumn: to.startColumn };
}

/** What an editor reports for turning `before` into `after`: one change, between their common start and end. */
function changeBetween(before: string, after: string): TextChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: rangeOf(before, start, before.length - end), text: after.slice(start, after.length - end) };
}

/** A mutated text, and the changes that lead to it when they are not one span. */
type Mutated = string | { readonly text: string; readonly changes: readonly TextChange[] };

const span = (rng: Rng, text: string): [number, number] => {
  const start = rng.nextInt(text.length + 1);
  return [start, Math.min(text.length, start + rng.nextInt(200))];
};

/** Two spans exchanged, reported as an editor reports two changes: the later one first, so that the earlier one's offsets still hold. */
function swapped(text: string, [a1, a2]: [number, number], [b1, b2]: [number, number]): Mutated {
  const [first, second] = a1 <= b1 ? [[a1, a2], [b1, b2]] : [[b1, b2], [a1, a2]];
  const [f1, f2] = [first[0]!, Math.min(first[1]!, second[0]!)];
  const [s1, s2] = second as [number, number];
  const later: TextChange = { range: rangeOf(text, s1, s2), text: text.slice(f1, f2) };
  const afterLater = text.slice(0, s1) + text.slice(f1, f2) + text.slice(s2);
  const earlier: TextChange = { range: rangeOf(afterLater, f1, f2), text: text.slice(s1, s2) };
  return { text: afterLater.slice(0, f1) + text.slice(s1, s2) + afterLater.slice(f2), changes: [later, earlier] };
}

/** The offsets where lines start, and the end of the text. */
const lineStarts = (text: string): number[] => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1).filter((offset) => offset < text.length), text.length];

function line(rng: Rng, text: string): [number, number] {
  const starts = lineStarts(text);
  const index = rng.nextInt(Math.max(1, starts.length - 1));
  return [starts[index]!, starts[index + 1] ?? text.length];
}

const insert = (text: string, at: number, inserted: string): string => text.slice(0, at) + inserted + text.slice(at);
const deleted = (text: string, [start, end]: [number, number]): string => text.slice(0, start) + text.slice(end);
const duplicated = (text: string, [start, end]: [number, number]): string => insert(text, end, text.slice(start, end));
const atLineStart = (rng: Rng, text: string): number => line(rng, text)[0];

function randomCharacters(rng: Rng): string {
  const pick = [() => 0, () => rng.nextInt(32), () => 32 + rng.nextInt(95), () => 0x80 + rng.nextInt(0x780), () => 0xd800 + rng.nextInt(0x800), () => rng.nextInt(0x10000)];
  return Array.from({ length: 1 + rng.nextInt(20) }, () => String.fromCharCode(pick[rng.nextInt(pick.length)]!())).join('');
}

const nested = (depth: number): string => `    value = ${'wrap('.repeat(depth)}x${')'.repeat(depth)}\n`;

const MUTATIONS: Readonly<Record<string, (rng: Rng, text: string) => Mutated>> = {
  'truncated': (rng, text) => text.slice(0, rng.nextInt(text.length + 1)),
  'span deleted': (rng, text) => deleted(text, span(rng, text)),
  'span duplicated': (rng, text) => duplicated(text, span(rng, text)),
  'spans swapped': (rng, text) => swapped(text, span(rng, text), span(rng, text)),
  'line deleted': (rng, text) => deleted(text, line(rng, text)),
  'line duplicated': (rng, text) => duplicated(text, line(rng, text)),
  'lines swapped': (rng, text) => swapped(text, line(rng, text), line(rng, text)),
  'a letter typed': (rng, text) => insert(text, rng.nextInt(text.length + 1), String.fromCharCode(97 + rng.nextInt(26))),
  'random characters': (rng, text) => insert(text, rng.nextInt(text.length + 1), randomCharacters(rng)),
  'NUL near the start (binary)': (rng, text) => insert(text, rng.nextInt(Math.min(text.length, 100) + 1), '\0'),
  'unbalanced bracket or quote': (rng, text) => insert(text, rng.nextInt(text.length + 1), '()[]{}"\'`'[rng.nextInt(9)]!),
  'very long line': (rng, text) => insert(text, atLineStart(rng, text), `key = "${'k'.repeat(100_000)}" + ${'part, '.repeat(2_000)}tail\n`),
  'deeply nested expression': (rng, text) => insert(text, atLineStart(rng, text), nested(100)),
  'nesting past the limit': (rng, text) => insert(text, atLineStart(rng, text), nested(1_000)),
  'huge file': (_rng, text) => text + `\n${'#'.repeat(defaultAnalyzerSettings.maxFileBytes)}\n`,
};

/** Every range of a finding (where it is, what it relates to, what its fixes edit) lies inside its file, its lines and columns agreeing with its offsets. */
function expectInside(range: SourceRange, text: string | undefined, what: string): void {
  expect(text, `${what}: a file the workspace has`).toBeDefined();
  expect(range.start >= 0 && range.start <= range.end && range.end <= text!.length, `${what}: ${range.start}-${range.end} in ${text!.length} characters`).toBe(true);
  expect(rangeOf(text!, range.start, range.end), what).toEqual(range);
}

const everything = (analyzer: Analyzer, paths: readonly string[]) => paths.map((path) => [analyzer.facts(path), analyzer.findings(path)]);

describe('the analyzer on broken input', () => {
  it('never throws, keeps every finding inside its file, and gives through the edit path what a fresh analysis gives', async () => {
    const originals = new Map([...sampleFiles(), ...snippets()]);
    expect(originals.size).toBeGreaterThan(40);
    const paths = [...originals.keys()];
    const current = new Map(originals);
    const analyzer = new Analyzer(grammars);
    for (const path of paths) await analyzer.update(path, originals.get(path)!);
    const originalFindings = paths.map((path) => analyzer.findings(path));
    expect(originalFindings.flat().length).toBeGreaterThan(20);

    const rng = createRng(20_261_123);
    const mutations = Object.entries(MUTATIONS);
    for (let step = 0; step < STEPS; step++) {
      // One file at a time, so that most of its updates parse incrementally, from the tree of the one before.
      const path = paths[rng.nextInt(paths.length)]!;
      const done: string[] = [];
      for (let m = 0; m < MUTATIONS_PER_STEP; m++) {
        const [name, mutate] = mutations[(step * MUTATIONS_PER_STEP + m) % mutations.length]!;
        const before = current.get(path)!;
        // Half the time the mutation builds on the ones before; then its own changes lead to it.
        const base = rng.next() < 0.5 ? before : originals.get(path)!;
        const mutated = mutate(rng, base);
        const text = typeof mutated === 'string' ? mutated : mutated.text;
        let changes = typeof mutated !== 'string' && base === before ? mutated.changes : [changeBetween(before, text)];
        // Now and then changes that do not lead to the text, as from a version the analyzer never saw: it must parse the whole file.
        if (rng.next() < 0.1) changes = [changeBetween(originals.get(path)!, text)];
        current.set(path, text);
        await analyzer.update(path, text, changes);
        done.push(name);
      }

      const fresh = new Analyzer(grammars);
      for (const p of paths) await fresh.update(p, current.get(p)!);
      const what = `step ${step}, ${path} (${done.join(', ')})`;
      // Compared as JSON first, which is quicker; a difference is then shown file by file.
      if (JSON.stringify(everything(analyzer, paths)) !== JSON.stringify(everything(fresh, paths))) {
        for (const p of paths) {
          expect(analyzer.facts(p), `${what}: facts of ${p}`).toEqual(fresh.facts(p));
          expect(analyzer.findings(p), `${what}: findings of ${p}`).toEqual(fresh.findings(p));
        }
      }
      for (const p of paths) {
        for (const finding of analyzer.findings(p)) {
          expectInside(finding.range, current.get(finding.path), `${what}: ${finding.code} in ${finding.path}`);
          for (const related of finding.related) expectInside(related.range, current.get(related.path), `${what}: ${finding.code}'s related location`);
          for (const edit of finding.fixes.flatMap((fix) => fix.edits)) expectInside(edit.range, current.get(edit.path), `${what}: ${finding.code}'s fix`);
        }
      }
    }

    for (const path of paths) if (current.get(path) !== originals.get(path)) await analyzer.update(path, originals.get(path)!, [changeBetween(current.get(path)!, originals.get(path)!)]);
    expect(paths.map((path) => analyzer.findings(path))).toEqual(originalFindings);
  }, 60_000);
});
