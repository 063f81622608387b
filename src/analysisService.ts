/**
 * The analyzer in the editor: scans the workspace in the background, re-analyses open documents
 * as they change (debounced), and publishes one diagnostic collection with quick fixes.
 */
import * as vscode from 'vscode';
import { Analyzer, defaultAnalyzerSettings, languageFor, languages, type AnalyzerSettings, type ScannedFile } from './analysis/analyzer';
import { CONFIG_FILE, parseConfig } from './analysis/config';
import type { SourceRange } from './analysis/facts';
import type { Finding, Severity } from './analysis/findings';
import { Grammars, type TextChange } from './analysis/parsing';
import { fileFilter, SKIPPED_FOLDERS } from './analysis/workspaceFiles';
import type { RaceRequest } from './shared/protocol';
import { exampleKey } from './sim/race/names';

const DEBOUNCE_MS = 500;
/** Files per step of the workspace scan. */
const SCAN_SLICE = 64;
const SOURCE_GLOB = `**/*.{${languages.flatMap((language) => language.extensions.map((extension) => extension.slice(1))).join(',')}}`;
const EXCLUDE_GLOB = `**/{${[...SKIPPED_FOLDERS].join(',')}}/**`;
/** Opens the finding's race in the race panel, told with the user's key and functions: the reader is Client A, the writer Client B. */
function stepThroughRace(race: NonNullable<Finding['race']>, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const request: RaceRequest = { scenario: race.scenario, parameters: {}, names: { key: exampleKey(race.key), lanes: { 'Client A': race.reader, 'Client B': race.writer } } };
  const action = new vscode.CodeAction('Step through this race', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { command: 'cacheLab.stepThroughRace', title: 'Step through this race', arguments: [request] };
  return action;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const toRange = (range: SourceRange): vscode.Range => new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);

/** An edit as the analyzer takes it: the range it replaced, in the text before it. */
const toTextChange = ({ range, rangeOffset, rangeLength, text }: vscode.TextDocumentContentChangeEvent): TextChange => ({
  range: { start: rangeOffset, end: rangeOffset + rangeLength, startLine: range.start.line, startColumn: range.start.character, endLine: range.end.line, endColumn: range.end.character },
  text,
});

export class AnalysisService implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly analyzer: Analyzer;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cache-lab');
  private readonly status = vscode.window.createStatusBarItem('cacheLab.analysis', vscode.StatusBarAlignment.Left, 0);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Each document's edits since it was last analysed, in order: they lead the analyzer's text to the document's, so only what they touch is parsed again. */
  private readonly edits = new Map<string, TextChange[]>();
  /** The findings last published per file. */
  private published = new Map<string, Finding[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  private settings: AnalyzerSettings = defaultAnalyzerSettings;
  /** Whether the include and exclude settings let the analyzer read a file. */
  private included: (path: string) => boolean = () => true;
  /** Set once the first workspace scan is done: later changes of the file settings rescan. */
  private scanned = false;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.analyzer = new Analyzer(new Grammars(vscode.Uri.joinPath(extensionUri, 'dist', 'wasm').fsPath));
    this.status.name = 'Cache Lab analysis';
    const selector = languages.flatMap((language) => language.editorLanguages).map((language) => ({ language, scheme: 'file' }));
    this.disposables.push(
      this.diagnostics,
      this.status,
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, event.contentChanges)),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.revertToDisk(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cacheLab.analysis')) void this.reconfigure();
      }),
    );
    const settingsFile = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    this.disposables.push(settingsFile, settingsFile.onDidCreate(() => void this.reconfigure()), settingsFile.onDidChange(() => void this.reconfigure()), settingsFile.onDidDelete(() => void this.reconfigure()));
    const watcher = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.revertToDisk(uri)),
      watcher.onDidChange((uri) => void this.revertToDisk(uri)),
      watcher.onDidDelete((uri) => this.enqueue(async () => {
        this.analyzer.remove(uri.fsPath);
        this.publish();
      })),
    );
  }

  /** Reads the settings, then analyses every source file of the workspace in the background. */
  async start(): Promise<void> {
    await this.reconfigure();
    await this.scan();
  }

  /** Analyses every source file of the workspace the settings include, with progress in the status bar. */
  private async scan(): Promise<void> {
    if (!this.enabled()) return;
    const files = (await vscode.workspace.findFiles(SOURCE_GLOB, EXCLUDE_GLOB)).filter((uri) => this.included(uri.fsPath));
    await this.enqueue(async () => {
      for (const path of this.analyzer.paths) if (!this.included(path)) this.analyzer.remove(path);
    });
    this.status.show();
    let readByWorker = 0;
    // In slices, each one step of the queue: edits made during the scan wait for one slice at most.
    for (let first = 0; first < files.length; first += SCAN_SLICE) {
      await this.enqueue(async () => {
        const slice = await Promise.all(files.slice(first, first + SCAN_SLICE).map((uri) => this.scannedFile(uri)));
        try {
          readByWorker += await this.analyzer.scan(slice.filter((file) => file !== undefined), (done) => (this.status.text = `$(sync~spin) Cache Lab: analysing ${first + done} of ${files.length} files`));
        } catch (error) {
          this.log.warn(`Could not analyse files ${first + 1} to ${first + slice.length}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
    this.status.hide();
    this.scanned = true;
    this.enqueue(async () => this.publish());
    this.log.info(`Analysed ${files.length} files, ${readByWorker} of them in the scan worker.`);
  }

  dispose(): void {
    this.analyzer.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      // The diagnostics arrive as copies: find the finding by its code and range.
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const finding = this.analyzer.findings(document.uri.fsPath).find((f) => f.code === code && toRange(f.range).isEqual(diagnostic.range));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(vscode.Uri.file(edit.path), toRange(edit.range), edit.newText);
        actions.push(action);
      }
      if (finding.race) actions.push(stepThroughRace(finding.race, diagnostic));
      const ignore = new vscode.CodeAction(`Ignore ${finding.code} on this line`, vscode.CodeActionKind.QuickFix);
      ignore.diagnostics = [diagnostic];
      ignore.edit = new vscode.WorkspaceEdit();
      const line = document.lineAt(finding.range.startLine);
      const comment = languageFor(document.uri.fsPath)?.lineComment ?? '//';
      ignore.edit.insert(document.uri, line.range.start, `${line.text.slice(0, line.firstNonWhitespaceCharacterIndex)}${comment} cache-lab-ignore ${finding.code}\n`);
      actions.push(ignore);
    }
    return actions;
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('cacheLab.analysis').get<boolean>('enabled', true);
  }

  /** The settings file of the first workspace folder, with the editor's settings over it. */
  private async reconfigure(): Promise<void> {
    let settings: AnalyzerSettings = defaultAnalyzerSettings;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
      try {
        settings = parseConfig(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), CONFIG_FILE);
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError)) {
          this.log.warn(String(error instanceof Error ? error.message : error));
          void vscode.window.showWarningMessage(`Cache Lab: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    const configuration = vscode.workspace.getConfiguration('cacheLab.analysis');
    const rules = configuration.get<Record<string, string>>('rules', {});
    const include = configuration.get<string[]>('include', []);
    const merged: AnalyzerSettings = {
      disabled: [...settings.disabled.filter((rule) => !(rule in rules)), ...Object.entries(rules).filter(([, level]) => level === 'off').map(([rule]) => rule)],
      severity: { ...settings.severity, ...Object.fromEntries(Object.entries(rules).filter(([, level]) => level !== 'off')) as Record<string, Severity> },
      maxFileBytes: configuration.get<number>('maxFileSize', settings.maxFileBytes),
      include: include.length > 0 ? include : settings.include,
      exclude: [...settings.exclude, ...configuration.get<string[]>('exclude', [])],
      cacheWrappers: { ...settings.cacheWrappers, ...configuration.get<AnalyzerSettings['cacheWrappers']>('cacheWrappers', {}) },
    };
    const factsChanged = this.analyzer.configure(merged);
    const filesChanged = this.scanned && (factsChanged || merged.include.join('\n') !== this.settings.include.join('\n') || merged.exclude.join('\n') !== this.settings.exclude.join('\n') || merged.maxFileBytes !== this.settings.maxFileBytes);
    this.settings = merged;
    this.included = folder ? fileFilter(merged, folder.uri.fsPath) : () => true;
    if (!this.enabled()) this.diagnostics.clear();
    else if (filesChanged) await this.scan();
    else this.enqueue(async () => this.publish());
  }

  private schedule(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[] = []): void {
    if (document.uri.scheme !== 'file' || !languageFor(document.uri.fsPath) || !this.enabled()) return;
    const key = document.uri.toString();
    this.edits.set(key, [...(this.edits.get(key) ?? []), ...changes.map(toTextChange)]);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.enqueue(async () => {
        // The text and its edits are taken together: the document may have changed again while this step waited.
        const edits = this.edits.get(key);
        this.edits.delete(key);
        await this.update(document.uri.fsPath, document.getText(), edits);
        this.publish();
      });
    }, DEBOUNCE_MS));
  }

  private async revertToDisk(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || !languageFor(uri.fsPath) || !this.enabled()) return;
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString() && document.isDirty)) return;
    await this.enqueue(async () => {
      try {
        await this.update(uri.fsPath, await this.readFile(uri));
      } catch {
        this.analyzer.remove(uri.fsPath);
      }
      this.publish();
    });
  }

  /** A file to scan: an open document's text, or the file's; undefined, and logged, when it cannot be read. */
  private async scannedFile(uri: vscode.Uri): Promise<ScannedFile | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    try {
      return { path: uri.fsPath, text: open ? open.getText() : await this.readFile(uri) };
    } catch (error) {
      this.log.warn(`Could not read ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async readFile(uri: vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  /** `edits`, for an open document, lead from the text the analyzer has to `text` (the analyzer checks that they do). */
  private async update(path: string, text: string, edits?: readonly TextChange[]): Promise<void> {
    if (!this.included(path)) return;
    try {
      await this.analyzer.update(path, text, edits);
    } catch (error) {
      this.log.warn(`Could not analyse ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Runs analysis steps one at a time, in order. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  /**
   * Findings depend on the whole workspace, so every file's are asked for. The analyzer hands out
   * a file's same array until something they read changes: the edited file and the files that
   * depend on it get new ones, and only those files' diagnostics are set again.
   */
  private publish(): void {
    const next = new Map<string, Finding[]>();
    for (const path of this.analyzer.paths) {
      const findings = this.analyzer.findings(path);
      if (findings.length > 0) next.set(path, findings);
    }
    for (const path of this.published.keys()) if (!next.has(path)) this.diagnostics.delete(vscode.Uri.file(path));
    for (const [path, findings] of next) if (this.published.get(path) !== findings) this.diagnostics.set(vscode.Uri.file(path), findings.map((finding) => this.toDiagnostic(finding)));
    this.published = next;
  }

  private toDiagnostic(finding: Finding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = 'Cache Lab';
    diagnostic.code = { value: finding.code, target: vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${finding.code}.md`) };
    diagnostic.relatedInformation = finding.related.map((related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(related.path), toRange(related.range)), related.message));
    return diagnostic;
  }
}
