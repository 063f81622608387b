/** Where a CLI command writes; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Shows a line of progress in place of the last one (only on a terminal); '' clears it. */
  progress?(text: string): void;
}

/** Reports reading a large file at most once per percent, then clears the line. */
export function fileProgress(io: CliIo, what: string): ((done: number, total: number) => void) | undefined {
  if (!io.progress) return undefined;
  let shown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    io.progress!(percent >= 100 ? '' : `${what}: ${percent}%`);
  };
}

/**
 * A bad command line: reported as one line on stderr with exit code 2. Told by its name, not by
 * instanceof, because a command loaded from a bundle of its own (analyze) has its own copy of the class.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Returns the exit code; commands that read many files work asynchronously. */
  run(args: string[], io: CliIo): number | Promise<number>;
}

/** Formats rows as an aligned table: text columns left, numeric columns right. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}

/** Joins `items` with commas into lines no wider than `width`, each after `indent` spaces. */
export function wrapList(items: readonly string[], indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const piece = item + (i < items.length - 1 ? ',' : '');
    if (line !== '' && indent + line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  lines.push(line);
  return lines.map((text) => ' '.repeat(indent) + text).join('\n');
}
