/**
 * The analyzer: parses files with tree-sitter, keeps each file's facts, and runs the rules over
 * the whole workspace's facts. The editor and the CLI both drive this class.
 */
import { extname } from 'node:path';
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { FileFacts, Suppression } from './facts';
import { factsOf, failedReason, languageFor, readFileFacts, skippedFacts, skipReason } from './fileFacts';
import type { Finding, Severity } from './findings';
import { FunctionReuse } from './functionReuse';
import type { LanguageSupport } from './languages/language';
import { applyChanges, editedTree, Grammars, type TextChange } from './parsing';
import type { CacheWrappers } from './operations';
import type { Rule } from './rule';
import { rules as allRules } from './rules';
import { defaultScanWorkerScript, ScanWorker } from './scanWorker';
import { WorkspaceIndex } from './workspaceIndex';

export { languageFor, languages } from './fileFacts';

export interface AnalyzerSettings {
  /** Rules switched off, by code or name. */
  readonly disabled: readonly string[];
  /** Severity per rule code or name. */
  readonly severity: Readonly<Record<string, Severity>>;
  /** Files above this many bytes are skipped. */
  readonly maxFileBytes: number;
  /** Globs, relative to the workspace root: when given, only matching files are read. */
  readonly include: readonly string[];
  /** Globs of files never read, relative to the workspace root. */
  readonly exclude: readonly string[];
  /** The user's own cache functions by the operation they perform: `{ delete: ['evict_user'] }`. */
  readonly cacheWrappers: Readonly<Partial<Record<'get' | 'set' | 'delete', readonly string[]>>>;
}

export const defaultAnalyzerSettings: AnalyzerSettings = { disabled: [], severity: {}, maxFileBytes: 1_000_000, include: [], exclude: [], cacheWrappers: {} };

/** The code of the finding that reports a suppression nothing needed. */
export const UNUSED_SUPPRESSION = 'CL000';

interface FileEntry {
  readonly facts: FileFacts;
  readonly text: string;
  readonly language: LanguageSupport | undefined;
  readonly tree?: Tree;
  /** The file's function facts by top-level statement, for the next update. */
  readonly reuse?: FunctionReuse;
}

/** A file for `Analyzer.scan`. */
export interface ScannedFile {
  readonly path: string;
  readonly text: string;
}

/** Characters of text per batch given to the scan worker: a few tens of milliseconds of its work, so neither thread waits long at the end. */
const SCAN_BATCH_CHARACTERS = 64 * 1024;
/** How long the scan worker outlives the last scan. */
const WORKER_IDLE_MS = 10_000;

/** Changes times the length of the text, past which the changes are not checked and the whole file is parsed. */
const MAX_CHANGED_CHARACTERS = 20_000_000;

function wrapperMap(settings: AnalyzerSettings): CacheWrappers {
  return new Map((['get', 'set', 'delete'] as const).flatMap((kind) => (settings.cacheWrappers[kind] ?? []).map((name) => [name, kind] as const)));
}

export class Analyzer {
  private readonly files = new Map<string, FileEntry>();
  private readonly index = new WorkspaceIndex();
  /** Each file's findings while nothing they depend on has changed. */
  private readonly findingsOf = new Map<string, Finding[]>();

  private wrappers: CacheWrappers;
  /** The scan worker: undefined until a scan starts one, null where none can run. */
  private worker: ScanWorker | null | undefined;
  private workerIdle: NodeJS.Timeout | undefined;

  /** `scanWorkerScript` is the worker's bundle (beside this one by default); null scans in this thread only. */
  constructor(
    private readonly grammars: Grammars,
    private settings: AnalyzerSettings = defaultAnalyzerSettings,
    private readonly scanWorkerScript: string | null = defaultScanWorkerScript,
  ) {
    this.wrappers = wrapperMap(settings);
  }

  /** Takes new settings; returns whether the files must be analysed again (the cache wrappers changed what their facts are). */
  configure(settings: AnalyzerSettings): boolean {
    const wrappers = wrapperMap(settings);
    const changed = JSON.stringify([...wrappers]) !== JSON.stringify([...this.wrappers]);
    this.settings = settings;
    this.wrappers = wrappers;
    this.findingsOf.clear();
    // Kept facts were extracted with the old wrappers.
    if (changed) for (const [path, entry] of this.files) this.files.set(path, { ...entry, reuse: undefined });
    return changed;
  }

  /**
   * Analyses `text` as the file at `path` and stores its facts. `changes`, as an editor reports
   * them, lead from the file's previous text to `text`: its tree is edited to match and only what
   * changed is parsed again. Without them, or when they do not lead to `text`, the whole file is.
   * A file updated with changes (one being edited) keeps its tree for the next update.
   */
  async update(path: string, text: string, changes?: readonly TextChange[]): Promise<FileFacts> {
    const reason = skipReason(path, text, this.settings.maxFileBytes);
    if (reason) return this.storeRead(path, skippedFacts(path, reason), '');
    const language = languageFor(path)!;
    const previous = this.files.get(path);
    // Checking the changes copies the text once per change: for a replace-all's worth, parsing the whole file is quicker.
    const checkable = changes !== undefined && changes.length * text.length <= MAX_CHANGED_CHARACTERS;
    const edited = checkable && previous?.tree && applyChanges(previous.text, changes) === text ? editedTree(previous.tree, changes) : undefined;
    let tree: Tree;
    try {
      tree = await this.grammars.parse(language.grammarFor(extname(path).toLowerCase()), text, edited);
    } finally {
      edited?.delete();
    }
    // Another update of the file may have been stored while this one parsed: this one replaces it.
    const reuse = this.files.get(path)?.reuse ?? new FunctionReuse();
    let facts: FileFacts;
    try {
      facts = factsOf(path, tree, text, language, reuse, this.wrappers);
    } catch (error) {
      tree.delete();
      return this.storeRead(path, skippedFacts(path, failedReason(error)), '');
    }
    // The workspace's other files drop theirs: all the trees of a workspace take hundreds of megabytes.
    if (!changes) tree.delete();
    return this.storeRead(path, facts, text, changes ? tree : undefined, reuse);
  }

  /**
   * Analyses many files, as a workspace scan does: a worker thread reads some of them while this
   * thread reads the others, and their facts are stored in the order given, as calling `update`
   * for each in turn would. `onProgress` hears how many files are done. Returns how many of them
   * the worker read.
   */
  async scan(files: readonly ScannedFile[], onProgress?: (done: number) => void): Promise<number> {
    const { maxFileBytes } = this.settings;
    const wrappers = this.wrappers;
    const read: { facts: FileFacts; reuse?: FunctionReuse }[] = new Array(files.length);
    let next = 0;
    let done = 0;
    let readThere = 0;
    const finish = (index: number, facts: FileFacts, reuse?: FunctionReuse): void => {
      read[index] = { facts, reuse };
      onProgress?.(++done);
    };
    const readHere = async (index: number): Promise<void> => {
      const reuse = new FunctionReuse();
      finish(index, await readFileFacts(this.grammars, files[index]!.path, files[index]!.text, maxFileBytes, wrappers, reuse), reuse);
    };
    const here = async (): Promise<void> => {
      for (let index = next++; index < files.length; index = next++) {
        await readHere(index);
        // Lets the worker's answers in, so that it is given its next batch without waiting.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const there = async (worker: ScanWorker): Promise<void> => {
      while (next < files.length) {
        const batch: number[] = [];
        for (let characters = 0; next < files.length && characters < SCAN_BATCH_CHARACTERS; next++) {
          batch.push(next);
          characters += files[next]!.text.length;
        }
        try {
          const facts = await worker.read(batch.map((index) => files[index]!), maxFileBytes, wrappers);
          batch.forEach((index, i) => finish(index, facts[i]!));
          readThere += batch.length;
        } catch {
          // A worker that failed is not asked again; this thread reads what it was given.
          this.stopWorker(worker);
          for (const index of batch) await readHere(index);
          return;
        }
      }
    };
    const worker = files.length > 1 ? this.scanWorker() : undefined;
    await Promise.all([here(), ...(worker ? [there(worker), there(worker)] : [])]);
    if (worker) this.idleWorker(worker);
    files.forEach((file, index) => this.storeRead(file.path, read[index]!.facts, file.text, undefined, read[index]!.reuse));
    return readThere;
  }

  /** The worker that reads files for scans, started on first use; undefined where there is none. */
  private scanWorker(): ScanWorker | undefined {
    clearTimeout(this.workerIdle);
    if (this.worker === undefined) {
      try {
        this.worker = (this.scanWorkerScript !== null && ScanWorker.start(this.grammars.directory, this.scanWorkerScript)) || null;
      } catch {
        this.worker = null;
      }
    }
    return this.worker ?? undefined;
  }

  /** Stops the worker once no scan has needed it for a while: it holds its own grammars and heap. */
  private idleWorker(worker: ScanWorker): void {
    this.workerIdle = setTimeout(() => this.stopWorker(worker, undefined), WORKER_IDLE_MS);
    this.workerIdle.unref();
  }

  /** Stops `worker`; `after` is what the next scan finds: null for none ever again, undefined to start another. */
  private stopWorker(worker: ScanWorker, after: null | undefined = null): void {
    worker.dispose();
    if (this.worker === worker) this.worker = after;
  }

  /** Stops the scan worker. */
  dispose(): void {
    clearTimeout(this.workerIdle);
    if (this.worker) this.stopWorker(this.worker);
  }

  /** Stores what was read of `path`, freeing the tree of what it replaces. */
  private storeRead(path: string, facts: FileFacts, text: string, tree?: Tree, reuse?: FunctionReuse): FileFacts {
    this.files.get(path)?.tree?.delete();
    this.store(path, { facts, text: facts.skipped ? '' : text, language: languageFor(path), tree, reuse });
    return facts;
  }

  remove(path: string): void {
    this.files.get(path)?.tree?.delete();
    this.files.delete(path);
    this.reindex(path, undefined);
  }

  get paths(): string[] {
    return [...this.files.keys()];
  }

  facts(path: string): FileFacts | undefined {
    return this.files.get(path)?.facts;
  }

  /**
   * The findings of one file, against the whole workspace's facts, suppressions applied: the same
   * array (not to be changed) until something they depend on changes.
   */
  findings(path: string): Finding[] {
    const entry = this.files.get(path);
    if (!entry?.language || entry.facts.skipped) return [];
    let found = this.findingsOf.get(path);
    if (!found) this.findingsOf.set(path, (found = this.check(path, entry, entry.language)));
    return found;
  }

  private check(path: string, entry: FileEntry, language: LanguageSupport): Finding[] {
    const view = this.index.viewFor(path);
    const raw = this.enabledRules().flatMap((rule) => rule.check({ file: entry.facts, text: entry.text, language, workspace: view }).map((finding) => ({ ...finding, severity: this.severityOf(rule, finding.severity) })));
    const used = new Set<Suppression>();
    const kept = raw.filter((finding) => {
      const suppression = entry.facts.suppressions.find((s) => s.codes.includes(finding.code) && (s.line === finding.range.startLine || (s.ownLine && s.line === finding.range.startLine - 1)));
      if (suppression) used.add(suppression);
      return !suppression;
    });
    const unused = this.isEnabled(UNUSED_SUPPRESSION)
      ? entry.facts.suppressions.filter((s) => !used.has(s)).map((s): Finding => ({
          code: UNUSED_SUPPRESSION,
          severity: this.settings.severity[UNUSED_SUPPRESSION] ?? 'info',
          message: `cache-lab-ignore ${s.codes.join(', ')} suppresses nothing here; remove it.`,
          path,
          range: s.range,
          related: [],
          fixes: [],
        }))
      : [];
    return [...kept, ...unused].sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  }

  /** Every file's findings. */
  allFindings(): Finding[] {
    return this.paths.flatMap((path) => this.findings(path));
  }

  private enabledRules(): Rule[] {
    return allRules.filter((rule) => this.isEnabled(rule.code) && this.isEnabled(rule.name));
  }

  private isEnabled(codeOrName: string): boolean {
    return !this.settings.disabled.includes(codeOrName);
  }

  private severityOf(rule: Rule, fallback: Severity): Severity {
    return this.settings.severity[rule.code] ?? this.settings.severity[rule.name] ?? fallback;
  }

  private store(path: string, entry: FileEntry): void {
    this.files.set(path, entry);
    this.reindex(path, entry.facts);
  }

  /** Gives the index `path`'s new facts (none once removed), and drops the findings that read what changed. */
  private reindex(path: string, facts: FileFacts | undefined): void {
    for (const stale of this.index.set(path, facts)) this.findingsOf.delete(stale);
    this.findingsOf.delete(path);
  }
}
