import { closeSync } from 'node:fs';
import { Op, type RequestChunk, type RequestSource } from '../source';
import { LineReader, openTraceFile } from './fileBlocks';
import { StringInterner } from './keyInterner';
import type { ProgressListener } from './oracleGeneral';
import { TraceError } from './traceError';

/** A column: its 1-based number, or its name when the file has a header line. */
export type ColumnRef = number | string;

export interface CsvOptions {
  readonly key: ColumnRef;
  /** Seconds since any origin; the replay counts from the first request. */
  readonly time?: ColumnRef;
  /** Object size in bytes. */
  readonly size?: ColumnRef;
  /** `delete`, `del` or `invalidate` drop the key; any other operation is a read that fills on a miss. */
  readonly op?: ColumnRef;
  /** Seconds; 0 or empty means no TTL. */
  readonly ttl?: ColumnRef;
  readonly header: boolean;
  readonly delimiter: string;
}

const DELETE_OPS = new Set(['delete', 'del', 'invalidate']);
const COLUMN_NAMES = ['key', 'time', 'size', 'op', 'ttl'] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];

/** Splits one line into fields: RFC 4180 quoting within the line ("a,b" and doubled quotes). */
function splitFields(line: string, delimiter: string, where: () => string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new TraceError(`${where()}: a quoted field is not closed (quoted fields cannot span lines)`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && !line.startsWith(delimiter, i)) throw new TraceError(`${where()}: text after a closing quote`);
    }
    const end = line.indexOf(delimiter, i);
    if (end === -1) {
      fields.push(field + line.slice(i));
      break;
    }
    fields.push(field + line.slice(i, end));
    field = '';
    i = end + delimiter.length;
  }
  return fields;
}

/**
 * A CSV trace with configurable columns, streamed: opening reads and checks every line and gives
 * each key a dense id, so a malformed line is reported before any replay; each replay reads the
 * file again. Keys are strings.
 */
export function openCsv(path: string, options: CsvOptions, onProgress?: ProgressListener): RequestSource {
  if (options.delimiter.length === 0) throw new TraceError('the CSV delimiter cannot be empty');
  const file = openTraceFile(path);
  let closed = false;
  const close = (): void => {
    if (!closed) closeSync(file.fd);
    closed = true;
  };
  const interner = new StringInterner();
  let indexes: Partial<Record<ColumnName, number>> = {};
  let widest = 0;
  let length = 0;

  const lines = (listener?: ProgressListener): LineReader => new LineReader(file.fd, file.size, listener);
  const resolveColumns = (header: string[] | undefined): void => {
    indexes = {};
    for (const name of COLUMN_NAMES) {
      const ref = options[name];
      if (ref === undefined) continue;
      let index: number;
      if (typeof ref === 'number') {
        if (!Number.isInteger(ref) || ref < 1) throw new TraceError(`the ${name} column must be a number from 1, got ${ref}`);
        index = ref - 1;
      } else if (/^\d+$/.test(ref)) {
        index = Number(ref) - 1;
      } else {
        if (!header) throw new TraceError(`${file.name}: the ${name} column is named '${ref}', but the file has no header line`);
        index = header.indexOf(ref);
        if (index === -1) throw new TraceError(`${file.name}: header has no column named '${ref}' (columns: ${header.join(', ')})`);
      }
      indexes[name] = index;
      widest = Math.max(widest, index + 1);
    }
  };
  const number = (fields: string[], name: ColumnName, where: () => string, integer: boolean): number => {
    const index = indexes[name]!;
    const text = fields[index]!.trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      const what = integer ? 'a whole number' : 'a number';
      throw new TraceError(`${where()}: expected ${what} of at least 0 in column ${index + 1} (${name}), got '${fields[index]}'`);
    }
    return value;
  };

  try {
    const reader = lines(onProgress);
    if (options.header) {
      const header = reader.next();
      if (header === undefined) throw new TraceError(`${file.name}: holds no requests (the file is empty)`);
      resolveColumns(splitFields(header, options.delimiter, () => `${file.name}:1`).map((name) => name.trim()));
    } else {
      resolveColumns(undefined);
    }
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      if (line.trim() === '') continue;
      const where = (): string => `${file.name}:${reader.lineNumber}`;
      const fields = splitFields(line, options.delimiter, where);
      if (fields.length < widest) {
        const [name, index] = Object.entries(indexes).reduce((a, b) => (b[1] > a[1] ? b : a));
        throw new TraceError(`${where()}: has ${fields.length} column${fields.length === 1 ? '' : 's'}, the ${name} is in column ${index + 1}`);
      }
      const key = fields[indexes.key!]!;
      if (key === '') throw new TraceError(`${where()}: the key in column ${indexes.key! + 1} is empty`);
      if (indexes.time !== undefined) number(fields, 'time', where, false);
      if (indexes.size !== undefined) number(fields, 'size', where, true);
      if (indexes.ttl !== undefined && fields[indexes.ttl]!.trim() !== '') number(fields, 'ttl', where, false);
      interner.intern(key);
      length++;
    }
    if (length === 0) throw new TraceError(`${file.name}: holds no requests`);
  } catch (error) {
    close();
    throw error;
  }

  let reader = lines();
  if (options.header) reader.next();
  return {
    name: file.name,
    keySpace: interner.size,
    keys: interner.size,
    length,
    has: { sizes: indexes.size !== undefined, times: indexes.time !== undefined, nextAccess: false, ttls: indexes.ttl !== undefined, ops: indexes.op !== undefined },
    read(chunk: RequestChunk): number {
      if (closed) throw new TraceError(`${path}: read after the trace was closed`);
      let count = 0;
      const where = (): string => `${file.name}:${reader.lineNumber}`;
      while (count < chunk.capacity) {
        const line = reader.next();
        if (line === undefined) break;
        if (line.trim() === '') continue;
        const fields = splitFields(line, options.delimiter, where);
        chunk.keys[count] = interner.find(fields[indexes.key!]!);
        chunk.times[count] = indexes.time === undefined ? 0 : Number(fields[indexes.time]);
        chunk.sizes[count] = indexes.size === undefined ? 1 : Number(fields[indexes.size]);
        const ttlText = indexes.ttl === undefined ? '' : fields[indexes.ttl]!.trim();
        chunk.ttls[count] = ttlText === '' || Number(ttlText) === 0 ? Infinity : Number(ttlText);
        chunk.ops[count] = indexes.op !== undefined && DELETE_OPS.has(fields[indexes.op]!.trim().toLowerCase()) ? Op.Delete : Op.Read;
        count++;
      }
      return count;
    },
    rewind() {
      reader = lines();
      if (options.header) reader.next();
    },
    close,
  };
}
