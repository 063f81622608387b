import type { Tree } from '@vscode/tree-sitter-wasm';
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, languageFor, type ScannedFile } from '../../src/analysis/analyzer';
import { Grammars } from '../../src/analysis/parsing';
import { grammars, sampleWorkspace, wasmDirectory } from './analyze';

// The worker runs a bundle, as it does from dist/: build one from the sources for these tests.
const dir = mkdtempSync(join(tmpdir(), 'cache-lab-scan-'));
const workerScript = join(dir, 'scanWorker.js');
buildSync({ entryPoints: [join(__dirname, '../../src/analysis/scanWorkerThread.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerScript, logLevel: 'error' });
/** A worker that dies as it starts. */
const brokenScript = join(dir, 'broken.js');
writeFileSync(brokenScript, 'throw new Error("no grammars here");\n');

/** Grammars that count the files parsed in this thread. */
class CountingGrammars extends Grammars {
  parses = 0;

  override parse(grammar: string, text: string, previous?: Tree): Promise<Tree> {
    this.parses++;
    return super.parse(grammar, text, previous);
  }
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : languageFor(path) ? [path] : [];
  });
}

/** The sample workspace, plus files the analyzer skips, so that a batch holds both kinds. */
const files: ScannedFile[] = [
  ...sourceFiles(sampleWorkspace).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
  { path: join(sampleWorkspace, 'binary.py'), text: 'x = 1\u0000\u0001' },
  { path: join(sampleWorkspace, 'nested.ts'), text: `${'['.repeat(200)}${']'.repeat(200)}` },
];

/** What a scan leaves: every file's facts and every finding, in the analyzer's order. */
function state(analyzer: Analyzer) {
  return { paths: analyzer.paths.map((path) => relative(sampleWorkspace, path)), facts: analyzer.paths.map((path) => analyzer.facts(path)), findings: analyzer.allFindings() };
}

async function oneByOne() {
  const analyzer = new Analyzer(grammars, undefined, null);
  for (const file of files) await analyzer.update(file.path, file.text);
  return state(analyzer);
}

describe('the workspace scan', () => {
  it('with the scan worker, stores the same facts and finds the same as analysing file by file', async () => {
    const expected = await oneByOne();
    expect(expected.findings.length).toBeGreaterThan(10);
    expect(expected.facts.filter((facts) => facts?.skipped).map((facts) => facts!.skipped)).toEqual(['binary', 'brackets nested more than 128 deep']);
    const counted = new CountingGrammars(wasmDirectory);
    const analyzer = new Analyzer(counted, undefined, workerScript);
    const progress: number[] = [];
    const readByWorker = await analyzer.scan(files, (done) => progress.push(done));
    analyzer.dispose();
    expect(state(analyzer)).toEqual(expected);
    expect(progress).toEqual(files.map((_, i) => i + 1));
    // This thread parsed some of the files, and the worker read the others (the two skipped files need no parse, wherever they were read).
    expect(readByWorker).toBeGreaterThan(0);
    expect(counted.parses).toBeGreaterThan(0);
    expect(counted.parses + readByWorker).toBeLessThanOrEqual(files.length);
    expect(counted.parses + readByWorker).toBeGreaterThanOrEqual(files.length - 2);
  });

  it('reads every file in this thread when the worker fails to start', async () => {
    const analyzer = new Analyzer(grammars, undefined, brokenScript);
    expect(await analyzer.scan(files)).toBe(0);
    expect(state(analyzer)).toEqual(await oneByOne());
    // Once failed, the worker is not started again: the next scan goes straight to this thread.
    await analyzer.scan(files.slice(0, 3));
    expect(analyzer.paths).toHaveLength(files.length);
  });

  it('scans in this thread when there is no worker bundle', async () => {
    const analyzer = new Analyzer(grammars, undefined, join(dir, 'missing.js'));
    await analyzer.scan(files);
    expect(state(analyzer)).toEqual(await oneByOne());
  });

  it('lets an edit after the scan reuse nothing it should not: the file is read again from its new text', async () => {
    const analyzer = new Analyzer(grammars, undefined, workerScript);
    await analyzer.scan(files);
    analyzer.dispose();
    const target = files.find((file) => file.path.endsWith('user_service.py'))!;
    const before = analyzer.findings(target.path).length;
    expect(before).toBeGreaterThan(0);
    await analyzer.update(target.path, '# emptied\n');
    expect(analyzer.findings(target.path)).toEqual([]);
  });
});
