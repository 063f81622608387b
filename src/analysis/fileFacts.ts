/**
 * One file's facts from its text: whether it can be read as code at all, its parse, and what its
 * language makes of the tree. The analyzer and its scan worker both read files through here.
 */
import { extname } from 'node:path';
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { FileFacts, Suppression } from './facts';
import { FunctionReuse } from './functionReuse';
import type { LanguageSupport } from './languages/language';
import { go } from './languages/go';
import { java } from './languages/java';
import { python } from './languages/python';
import { typescript } from './languages/typescript';
import type { CacheWrappers } from './operations';
import type { Grammars } from './parsing';
import { rangeOf } from './syntax';

export const languages: readonly LanguageSupport[] = [python, typescript, go, java];

export function languageFor(path: string): LanguageSupport | undefined {
  const extension = extname(path).toLowerCase();
  return languages.find((language) => language.extensions.includes(extension));
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

/** Why the file at `path` is not read as code, or undefined when it is. */
export function skipReason(path: string, text: string, maxFileBytes: number): string | undefined {
  if (!languageFor(path)) return 'no grammar for this file type';
  if (text.length > maxFileBytes) return `larger than ${maxFileBytes} bytes`;
  if (looksBinary(text)) return 'binary';
  if (nestedTooDeep(text)) return `brackets nested more than ${MAX_NESTING} deep`;
  return undefined;
}

export function skippedFacts(path: string, reason: string): FileFacts {
  return { path, language: languageFor(path)?.id ?? 'unknown', functions: [], suppressions: [], skipped: reason };
}

/** The facts of a parsed file; throws where its language's extraction does. */
export function factsOf(path: string, tree: Tree, text: string, language: LanguageSupport, reuse: FunctionReuse, wrappers: CacheWrappers): FileFacts {
  const entityListeners = language.entityListeners?.(tree.rootNode);
  const registeredHandlers = language.registeredHandlers?.(tree.rootNode, text, path) ?? [];
  return {
    path,
    language: language.id,
    functions: language.extractFunctions(tree.rootNode, text, reuse, wrappers, path),
    suppressions: suppressions(tree.rootNode, text, language),
    ...(entityListeners && Object.keys(entityListeners).length > 0 ? { entityListeners } : {}),
    ...(registeredHandlers.length > 0 ? { registeredHandlers } : {}),
  };
}

/** The reason a file that parsed could not be analysed. */
export const failedReason = (error: unknown): string => `could not be analysed: ${error instanceof Error ? error.message : String(error)}`;

/** A whole file's facts from its text alone, its tree parsed and freed: what a scan needs. `reuse` keeps its functions' facts for later edits. */
export async function readFileFacts(grammars: Grammars, path: string, text: string, maxFileBytes: number, wrappers: CacheWrappers, reuse = new FunctionReuse()): Promise<FileFacts> {
  const reason = skipReason(path, text, maxFileBytes);
  if (reason) return skippedFacts(path, reason);
  const language = languageFor(path)!;
  const tree = await grammars.parse(language.grammarFor(extname(path).toLowerCase()), text);
  try {
    return factsOf(path, tree, text, language, reuse, wrappers);
  } catch (error) {
    return skippedFacts(path, failedReason(error));
  } finally {
    tree.delete();
  }
}
