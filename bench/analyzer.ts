/**
 * The analyzer's figures: a cold scan of a generated workspace as the editor's background scan
 * runs it, then typing in the workspace's largest file as the editor re-analyses it.
 */
import { extname } from 'node:path';
import type { Tree } from '@vscode/tree-sitter-wasm';
import { Analyzer, defaultAnalyzerSettings, languageFor, languages, type ScannedFile } from '../src/analysis/analyzer';
import { pointAt } from '../src/analysis/edits';
import type { Finding } from '../src/analysis/findings';
import { Grammars, type TextChange } from '../src/analysis/parsing';
import { findWasmDirectory } from '../src/analysis/wasmLocation';
import { createRng } from '../src/sim/rng';
import { analyzerCorpus } from './analyzerCorpus';

const CORPUS = { lines: 100_000, largeLines: 5_000, seed: 42 };
/** Typing sessions in the large file, each this many characters typed at one place. */
const SESSIONS = 5;
const KEYSTROKES = 10;
const PYTHON_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Grammars that add up the time spent parsing. */
class TimedGrammars extends Grammars {
  milliseconds = 0;

  override async parse(grammar: string, text: string, previous?: Tree): Promise<Tree> {
    const start = performance.now();
    const tree = await super.parse(grammar, text, previous);
    this.milliseconds += performance.now() - start;
    return tree;
  }
}

const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
const count = (n: number): string => n.toLocaleString('en-US');
const lineCount = (text: string): number => text.split('\n').length - 1;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/**
 * Someone renaming as they go: at each of a few seeded places, the end of a name that is not a
 * keyword, letters typed one at a time. The texts after each keystroke, with its change.
 */
function typing(text: string, seed: number): { text: string; change: TextChange }[] {
  const rng = createRng(seed);
  const steps: { text: string; change: TextChange }[] = [];
  let current = text;
  for (let session = 0; session < SESSIONS; session++) {
    let at = rng.nextInt(current.length);
    for (;; at = (at + 1) % current.length) {
      const word = /\w+$/.exec(current.slice(Math.max(0, at - 40), at))?.[0];
      if (word && !/\w/.test(current[at] ?? '') && !PYTHON_KEYWORDS.has(word) && !/^\d/.test(word)) break;
    }
    for (let key = 0; key < KEYSTROKES; key++, at++) {
      const change: TextChange = { range: pointAt(current, at), text: String.fromCharCode(97 + rng.nextInt(26)) };
      current = current.slice(0, at) + change.text + current.slice(at);
      steps.push({ text: current, change });
    }
  }
  return steps;
}

/** Median and 95th percentile of re-analysing the large file after each step, and how many files' findings were computed again. */
async function retype(analyzer: Analyzer, path: string, steps: readonly { text: string; change: TextChange }[], withChanges: boolean) {
  const times: number[] = [];
  let rechecked = 0;
  let previous = new Map<string, Finding[]>(analyzer.paths.map((p) => [p, analyzer.findings(p)]));
  for (const { text, change } of steps) {
    const start = performance.now();
    await analyzer.update(path, text, withChanges ? [change] : undefined);
    // What the editor then publishes: every file's findings, computed again only where they may have changed.
    const next = new Map<string, Finding[]>(analyzer.paths.map((p) => [p, analyzer.findings(p)]));
    times.push(performance.now() - start);
    rechecked += [...next].filter(([p, findings]) => findings !== previous.get(p) && languageFor(p)).length;
    previous = next;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), rechecked: rechecked / steps.length };
}

/** A whole-workspace scan, then every file's findings: the milliseconds of each, the findings, and the files the scan worker read. */
async function coldScan(analyzer: Analyzer, files: readonly ScannedFile[]): Promise<{ scan: number; rules: number; findings: Finding[]; readByWorker: number }> {
  const start = performance.now();
  const readByWorker = await analyzer.scan(files);
  const scan = performance.now() - start;
  const findings = analyzer.allFindings();
  return { scan, rules: performance.now() - start - scan, findings, readByWorker };
}

export async function analyzerBench(): Promise<void> {
  const corpus = analyzerCorpus(CORPUS.lines, CORPUS.largeLines, CORPUS.seed, new Set(languages.map((language) => language.id)));
  const linesByLanguage = new Map<string, number>();
  for (const file of corpus.files) {
    const id = languageFor(file.path)!.id;
    linesByLanguage.set(id, (linesByLanguage.get(id) ?? 0) + lineCount(file.text));
  }
  const lines = [...linesByLanguage.values()].reduce((a, b) => a + b, 0);
  console.log(`\nAnalyzer: a generated workspace (seed ${CORPUS.seed}) of ${count(corpus.files.length)} files, ${count(lines)} lines: ${[...linesByLanguage].map(([id, n]) => `${id} ${count(n)}`).join(', ')}.`);

  const grammars = new TimedGrammars(findWasmDirectory(__dirname));
  const start = performance.now();
  for (const grammar of new Set(corpus.files.map((file) => languageFor(file.path)!.grammarFor(extname(file.path))))) await grammars.parser(grammar);
  console.log(`Grammars loaded in ${seconds(performance.now() - start)}.`);

  // As the editor and the CLI scan, with a worker reading some of the files; then in one thread, for comparison.
  const analyzer = new Analyzer(grammars);
  const { scan, rules, findings, readByWorker } = await coldScan(analyzer, corpus.files);
  analyzer.dispose();
  const byCode = new Map<string, number>();
  for (const finding of findings) byCode.set(finding.code, (byCode.get(finding.code) ?? 0) + 1);
  console.log(`Cold scan: ${seconds(scan + rules)} (files read ${seconds(scan)}, ${readByWorker} of them by the scan worker, its start included; rules ${seconds(rules)}), ${count(findings.length)} findings (${[...byCode].sort().map(([code, n]) => `${code} ${n}`).join(', ')}).`);
  const memory = process.memoryUsage();
  const megabytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
  console.log(`Memory after the scan: ${megabytes(memory.rss)} resident, ${megabytes(memory.heapUsed)} JS heap, ${megabytes(memory.external)} outside it (tree-sitter's WebAssembly memory).`);
  grammars.milliseconds = 0;
  const single = await coldScan(new Analyzer(grammars, defaultAnalyzerSettings, null), corpus.files);
  console.log(`The same scan in one thread: ${seconds(single.scan + single.rules)} (parse ${seconds(grammars.milliseconds)}, facts ${seconds(single.scan - grammars.milliseconds)}, rules ${seconds(single.rules)}).`);
  if (JSON.stringify(findings) !== JSON.stringify(single.findings)) throw new Error('the scan with a worker found something other than the scan in one thread');

  const large = corpus.files.find((file) => file.path === corpus.large)!;
  const steps = typing(large.text, CORPUS.seed);
  const incremental = await retype(analyzer, large.path, steps, true);
  await analyzer.update(large.path, large.text);
  const whole = await retype(analyzer, large.path, steps, false);
  console.log(`Typing in ${large.path} (${count(lineCount(large.text))} lines): ${steps.length} single-character edits (${SESSIONS} places, ${KEYSTROKES} keystrokes each), each re-analysed with the files that depend on it (${incremental.rechecked.toFixed(1)} files' findings computed again per edit, on average):`);
  console.log(`  incremental parse: median ${incremental.median.toFixed(1)} ms, p95 ${incremental.p95.toFixed(1)} ms`);
  console.log(`  whole file parsed again: median ${whole.median.toFixed(1)} ms, p95 ${whole.p95.toFixed(1)} ms`);
}
