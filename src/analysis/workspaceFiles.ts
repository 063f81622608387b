/** The files the analyzer reads under some paths: source files of its languages, minus dependencies and builds. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { languageFor, type AnalyzerSettings } from './analyzer';

/** Folders that hold dependencies, builds or tool state, never the user's code. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'target', 'vendor', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.next', 'coverage']);

export async function sourceFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
        if (entry.isDirectory() || entry.isFile()) await visit(join(path, entry.name), false);
      }
    } else if (info.isFile() && (explicit || languageFor(path))) found.push(path);
  };
  for (const path of paths) await visit(path, true);
  return found;
}

/** Whether the settings' include and exclude globs, relative to `root`, let the analyzer read a file. */
export function fileFilter(settings: Pick<AnalyzerSettings, 'include' | 'exclude'>, root: string): (path: string) => boolean {
  const included = settings.include.length > 0 ? picomatch([...settings.include], { dot: true }) : () => true;
  const excluded = settings.exclude.length > 0 ? picomatch([...settings.exclude], { dot: true }) : () => false;
  return (path) => {
    const relativePath = relative(root, path).split(sep).join('/');
    return included(relativePath) && !excluded(relativePath);
  };
}
