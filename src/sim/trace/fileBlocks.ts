import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { TraceError } from './traceError';

/** Bytes read per block: large enough to amortise system calls, small enough to stay in cache. */
export const BLOCK_BYTES = 4 << 20;

/** Opens a trace for reading, turning a missing or unreadable file into a TraceError. */
export function openTraceFile(path: string): { fd: number; size: number; name: string } {
  const name = basename(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TraceError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? String(error)})`);
  }
  const stat = fstatSync(fd);
  if (stat.isDirectory()) {
    closeSync(fd);
    throw new TraceError(`${path}: is a folder, not a trace file`);
  }
  return { fd, size: stat.size, name };
}

/** Reads `length` bytes at `position` into `buffer`, looping over short reads; returns the bytes read. */
export function readFully(fd: number, buffer: Uint8Array, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

/**
 * Lines of a text file, read in blocks: `next()` gives each line without its line ending (CRLF or
 * LF), with its 1-based number, and undefined at the end.
 */
export class LineReader {
  private readonly buffer = new Uint8Array(BLOCK_BYTES);
  private readonly decoder = new TextDecoder('utf-8');
  private position = 0;
  private lines: string[] = [];
  private index = 0;
  private rest = '';
  private done = false;
  lineNumber = 0;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly onBytes?: (bytesDone: number, bytesTotal: number) => void,
  ) {}

  next(): string | undefined {
    while (this.index >= this.lines.length) {
      if (this.done) return undefined;
      this.fill();
    }
    this.lineNumber++;
    const line = this.lines[this.index++]!;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  private fill(): void {
    const read = this.position < this.size ? readFully(this.fd, this.buffer, Math.min(BLOCK_BYTES, this.size - this.position), this.position) : 0;
    this.position += read;
    let text = this.rest + this.decoder.decode(this.buffer.subarray(0, read), { stream: read > 0 });
    if (read === 0) {
      this.done = true;
      // A last line without a newline still counts; an empty tail after the final newline does not.
      this.lines = text === '' ? [] : [text];
      this.rest = '';
    } else {
      const end = text.lastIndexOf('\n');
      this.rest = text.slice(end + 1);
      text = end === -1 ? '' : text.slice(0, end);
      this.lines = end === -1 ? [] : text.split('\n');
    }
    this.index = 0;
    this.onBytes?.(this.position, this.size);
  }
}
