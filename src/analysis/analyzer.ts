/**
 * The analyzer: parses files with tree-sitter, keeps each file's facts, and runs the rules over
 * the whole workspace's facts. The editor and the CLI both drive this class.
 */
import { extname } from 'node:path';
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { FileFacts, Suppression } from './facts';
import type { Finding, Severity } from './findings';
import { FunctionReuse } from './functionReuse';
import type { LanguageSupport } from './languages/language';
import { go } from './languages/go';
import { java } from './languages/java';
import { python } from './languages/python';
import { typescript } from './languages/typescript';
import { applyChanges, editedTree, Grammars, type TextChange } from './parsing';
import type { CacheWrappers } from './operations';
import type { Rule } from './rule';
import { rules as allRules } from './rules';
import { rangeOf } from './syntax';
import { WorkspaceIndex } from './workspaceIndex';

export const languages: readonly LanguageSupport[] = [python, typescript, go, java];

export function languageFor(path: string): LanguageSupport | undefined {
  const extension = extname(path).toLowerCase();
  return languages.find((language) => language.extensions.includes(extension));
}

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

const SUPPRESSION = /cache-lab-ignore\s+((?:CL\d{3}[\s,]*)+)/g;

function suppressions(root: Node, text: string, language: LanguageSupport): Suppression[] {
  const found: Suppression[] = [];
  const commentTypes = new Set(language.commentTypes);
  // Found in the text, then checked to be in a comment: most files have none, and need no walk.
  for (let at = text.indexOf('cache-lab-ignore'); at !== -1; at = text.indexOf('cache-lab-ignore', at + 1)) {
    const comment = root.descendantForIndex(at);
    if (!comment || !commentTypes.has(comment.type)) continue;
    at = comment.endIndex - 1;
    const lineStart = text.lastIndexOf('\n', comment.startIndex - 1) + 1;
    const ownLine = text.slice(lineStart, comment.startIndex).trim() === '';
    for (const match of comment.text.matchAll(SUPPRESSION)) {
      found.push({ codes: match[1]!.split(/[\s,]+/).filter(Boolean), line: comment.startPosition.row, ownLine, range: rangeOf(comment) });
    }
  }
  return found;
}

/** Binary if it has a NUL byte near the start. */
const looksBinary = (text: string): boolean => text.slice(0, 8000).includes('\u0000');

/**
 * Brackets nested deeper than this mean generated or broken code: the languages walk up from
 * each call to its statement, one tree-sitter lookup from the root per step, so such nesting
 * costs the cube of its depth (Java takes seconds at a few hundred levels).
 */
const MAX_NESTING = 128;

/** Changes times the length of the text, past which the changes are not checked and the whole file is parsed. */
const MAX_CHANGED_CHARACTERS = 20_000_000;

function nestedTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return true;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

function wrapperMap(settings: AnalyzerSettings): CacheWrappers {
  return new Map((['get', 'set', 'delete'] as const).flatMap((kind) => (settings.cacheWrappers[kind] ?? []).map((name) => [name, kind] as const)));
}

export class Analyzer {
  private readonly files = new Map<string, FileEntry>();
  private readonly index = new WorkspaceIndex();
  /** Each file's findings while nothing they depend on has changed. */
  private readonly findingsOf = new Map<string, Finding[]>();

  private wrappers: CacheWrappers;

  constructor(
    private readonly grammars: Grammars,
    private settings: AnalyzerSettings = defaultAnalyzerSettings,
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
    const language = languageFor(path);
    const previous = this.files.get(path);
    const skip = (reason: string): FileFacts => {
      const facts: FileFacts = { path, language: language?.id ?? 'unknown', functions: [], suppressions: [], skipped: reason };
      this.files.get(path)?.tree?.delete();
      this.store(path, { facts, text: '', language });
      return facts;
    };
    if (!language) return skip('no grammar for this file type');
    if (text.length > this.settings.maxFileBytes) return skip(`larger than ${this.settings.maxFileBytes} bytes`);
    if (looksBinary(text)) return skip('binary');
    if (nestedTooDeep(text)) return skip(`brackets nested more than ${MAX_NESTING} deep`);
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
    const replaced = this.files.get(path);
    const reuse = replaced?.reuse ?? new FunctionReuse();
    let facts: FileFacts;
    try {
      const entityListeners = language.entityListeners?.(tree.rootNode);
      facts = { path, language: language.id, functions: language.extractFunctions(tree.rootNode, text, reuse, this.wrappers, path), suppressions: suppressions(tree.rootNode, text, language), ...(entityListeners && Object.keys(entityListeners).length > 0 ? { entityListeners } : {}) };
    } catch (error) {
      tree.delete();
      return skip(`could not be analysed: ${error instanceof Error ? error.message : String(error)}`);
    }
    replaced?.tree?.delete();
    // The workspace's other files drop theirs: all the trees of a workspace take hundreds of megabytes.
    if (!changes) tree.delete();
    this.store(path, { facts, text, language, tree: changes ? tree : undefined, reuse });
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
