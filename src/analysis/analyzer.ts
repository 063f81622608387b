/**
 * The analyzer: parses files with tree-sitter, keeps each file's facts, and runs the rules over
 * the whole workspace's facts. The editor and the CLI both drive this class.
 */
import { extname } from 'node:path';
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { FileFacts, FunctionFacts, Suppression } from './facts';
import { isCacheOp, isDbOp } from './facts';
import type { Finding, Severity } from './findings';
import type { LanguageSupport } from './languages/language';
import { go } from './languages/go';
import { python } from './languages/python';
import { typescript } from './languages/typescript';
import { Grammars } from './parsing';
import type { Fill, Rule, WorkspaceView } from './rule';
import { rules as allRules } from './rules';
import { descendants, rangeOf } from './syntax';

export const languages: readonly LanguageSupport[] = [python, typescript, go];

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
}

export const defaultAnalyzerSettings: AnalyzerSettings = { disabled: [], severity: {}, maxFileBytes: 1_000_000, include: [], exclude: [] };

/** The code of the finding that reports a suppression nothing needed. */
export const UNUSED_SUPPRESSION = 'CL000';

interface FileEntry {
  readonly facts: FileFacts;
  readonly text: string;
  readonly language: LanguageSupport | undefined;
  readonly tree?: Tree;
}

const SUPPRESSION = /cache-lab-ignore\s+((?:CL\d{3}[\s,]*)+)/g;

function suppressions(root: Node, text: string, language: LanguageSupport): Suppression[] {
  const found: Suppression[] = [];
  for (const comment of descendants(root, new Set(language.commentTypes))) {
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

export class Analyzer {
  private readonly files = new Map<string, FileEntry>();
  private fillIndex: Map<string, Fill[]> | undefined;
  private functionIndex: Map<string, { path: string; function: FunctionFacts }[]> | undefined;

  constructor(
    private readonly grammars: Grammars,
    private settings: AnalyzerSettings = defaultAnalyzerSettings,
  ) {}

  configure(settings: AnalyzerSettings): void {
    this.settings = settings;
  }

  /** Parses `text` as the file at `path` (reusing its previous tree), and stores its facts. */
  async update(path: string, text: string): Promise<FileFacts> {
    const language = languageFor(path);
    const skip = (reason: string): FileFacts => {
      const facts: FileFacts = { path, language: language?.id ?? 'unknown', functions: [], suppressions: [], skipped: reason };
      this.store(path, { facts, text: '', language });
      return facts;
    };
    if (!language) return skip('no grammar for this file type');
    if (text.length > this.settings.maxFileBytes) return skip(`larger than ${this.settings.maxFileBytes} bytes`);
    if (looksBinary(text)) return skip('binary');
    const tree = await this.grammars.parse(language.grammarFor(extname(path).toLowerCase()), text);
    let facts: FileFacts;
    try {
      facts = { path, language: language.id, functions: language.extractFunctions(tree.rootNode, text), suppressions: suppressions(tree.rootNode, text, language) };
    } catch (error) {
      tree.delete();
      return skip(`could not be analysed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const previous = this.files.get(path)?.tree;
    previous?.delete();
    this.store(path, { facts, text, language, tree });
    return facts;
  }

  remove(path: string): void {
    this.files.get(path)?.tree?.delete();
    this.files.delete(path);
    this.invalidate();
  }

  get paths(): string[] {
    return [...this.files.keys()];
  }

  facts(path: string): FileFacts | undefined {
    return this.files.get(path)?.facts;
  }

  /** The findings of one file, against the whole workspace's facts, suppressions applied. */
  findings(path: string): Finding[] {
    const entry = this.files.get(path);
    if (!entry?.language || entry.facts.skipped) return [];
    const view = this.view();
    const raw = this.enabledRules().flatMap((rule) => rule.check({ file: entry.facts, text: entry.text, language: entry.language!, workspace: view }).map((finding) => ({ ...finding, severity: this.severityOf(rule, finding.severity) })));
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
    this.invalidate();
  }

  private invalidate(): void {
    this.fillIndex = undefined;
    this.functionIndex = undefined;
  }

  private view(): WorkspaceView {
    if (!this.fillIndex || !this.functionIndex) {
      const fills = new Map<string, Fill[]>();
      const functions = new Map<string, { path: string; function: FunctionFacts }[]>();
      for (const [path, { facts }] of this.files) {
        for (const fn of facts.functions) {
          const shortName = fn.name.split('.').at(-1)!;
          functions.set(shortName, [...(functions.get(shortName) ?? []), { path, function: fn }]);
          for (const fill of fillsIn(path, fn)) for (const entity of fill.entities) fills.set(entity, [...(fills.get(entity) ?? []), fill]);
        }
      }
      this.fillIndex = fills;
      this.functionIndex = functions;
    }
    const fills = this.fillIndex;
    const functions = this.functionIndex;
    return { fillsOf: (entity) => fills.get(entity) ?? [], functionsNamed: (name) => functions.get(name) ?? [] };
  }
}

/** A cache-aside read in `fn`: a GET of template T, a database read, then a SET of T. */
export function fillsIn(path: string, fn: FunctionFacts): Fill[] {
  const fills: Fill[] = [];
  const reads = fn.operations.filter(isDbOp).filter((op) => op.verb === 'select');
  if (reads.length === 0) return fills;
  const cacheOps = fn.operations.filter(isCacheOp);
  for (const set of cacheOps) {
    const key = set.keys[0];
    if (set.kind !== 'set' || !key?.template || set.onlyIfAbsent) continue;
    const readBefore = reads.filter((read) => read.range.start < set.range.start);
    const gotFirst = cacheOps.some((op) => op.kind === 'get' && op.range.start < set.range.start && op.keys.some((k) => k.template === key.template));
    if (readBefore.length === 0 || !gotFirst) continue;
    fills.push({ template: key.template, parts: key.parts, entities: [...new Set(readBefore.map((read) => read.entity))], path, function: fn, set });
  }
  return fills;
}
