/** Module paths, as a handler registration says where its function is declared: `/` between segments, no extension. */
import { posix } from 'node:path';
import type { HandlerRegistration } from '../facts';

/** A function by its name and module. */
export type ModuleFunction = Pick<HandlerRegistration, 'name' | 'module'>;

/** What a file's imports bind: names to modules (`views` for Python's `from . import views`), and names to the functions they import. */
export interface Imports {
  readonly modules: Map<string, string>;
  readonly functions: Map<string, ModuleFunction>;
}

/** The folder of the file at `path` (empty for a file at the root). */
export function folderOf(path: string): string {
  const folder = posix.dirname(path.replace(/\\/g, '/'));
  return folder === '.' ? '' : folder;
}

/** The module `relative` (`./handlers`, `../views`) names from the file at `path` (empty for the root). */
export function resolveFrom(path: string, relative: string): string {
  const module = posix.join(folderOf(path) || '.', relative).replace(/\/$/, '');
  return module === '.' ? '' : module;
}

/** A module's path from its parts, leaving out empty ones (the root's). */
export const joinModule = (...parts: readonly string[]): string => parts.filter(Boolean).join('/');

/** The file at `path` as a module: its path without its extension. */
export const moduleOf = (path: string): string => path.replace(/\\/g, '/').replace(/\.[^./]*$/, '');
