import { extname } from 'node:path';
import { traceFormats, type CsvOptions, type TraceFormat, type TraceSpec } from '../sim/trace';
import { UsageError } from './io';

/** parseArgs options for reading a trace file; shared by every command that replays one. */
export const traceOptions = {
  trace: { type: 'string' },
  'trace-format': { type: 'string' },
  'csv-key': { type: 'string' },
  'csv-time': { type: 'string' },
  'csv-size': { type: 'string' },
  'csv-op': { type: 'string' },
  'csv-ttl': { type: 'string' },
  'csv-header': { type: 'boolean' },
  'csv-delimiter': { type: 'string' },
} as const;

export const traceUsage = `  --trace FILE         replay a trace file instead of a built-in workload
  --trace-format F     ${traceFormats.join(', ')} (default: from the extension: .oracleGeneral or .bin,
                       .csv, .txt)
  --csv-key C          CSV: the key's column, a number from 1 or a header name (default 1)
  --csv-time C         CSV: a time column, in seconds
  --csv-size C         CSV: an object size column, in bytes
  --csv-op C           CSV: an operation column (delete, del and invalidate drop the key)
  --csv-ttl C          CSV: a TTL column, in seconds (0 or empty: none)
  --csv-header         CSV: the first line names the columns
  --csv-delimiter D    CSV: the field separator (default ','; 'tab' or '\\t' for tabs)`;

const EXTENSION_FORMATS: Record<string, TraceFormat> = { '.oraclegeneral': 'oracleGeneral', '.bin': 'oracleGeneral', '.csv': 'csv', '.txt': 'text' };

type Values = Record<string, string | boolean | undefined>;

/** A CSV column flag: a whole number from 1, or a header name. */
function column(values: Values, name: string): number | string | undefined {
  const value = values[name] as string | undefined;
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) {
    if (Number(value) < 1) throw new UsageError(`--${name} counts columns from 1, got '${value}'`);
    return Number(value);
  }
  if (value.trim() === '') throw new UsageError(`--${name} needs a column number or name`);
  return value;
}

/** The trace the flags name, or undefined when there is no --trace. */
export function traceSpecFromFlags(values: Values): TraceSpec | undefined {
  const path = values.trace as string | undefined;
  const csvFlags = Object.keys(traceOptions).filter((name) => name.startsWith('csv-') && values[name] !== undefined);
  if (path === undefined) {
    if (values['trace-format'] !== undefined || csvFlags.length > 0) throw new UsageError(`--${values['trace-format'] !== undefined ? 'trace-format' : csvFlags[0]} needs --trace`);
    return undefined;
  }
  const given = values['trace-format'] as string | undefined;
  let format: TraceFormat;
  if (given !== undefined) {
    const match = traceFormats.find((candidate) => candidate.toLowerCase() === given.toLowerCase());
    if (!match) throw new UsageError(`unknown trace format '${given}' (choose from ${traceFormats.join(', ')})`);
    format = match;
  } else {
    const guessed = EXTENSION_FORMATS[extname(path).toLowerCase()];
    if (!guessed) throw new UsageError(`cannot tell the format of '${path}' from its name: add --trace-format ${traceFormats.join('|')}`);
    format = guessed;
  }
  if (format !== 'csv') {
    if (csvFlags.length > 0) throw new UsageError(`--${csvFlags[0]} applies to CSV traces, not ${format}`);
    return { path, format };
  }
  const delimiter = (values['csv-delimiter'] as string | undefined) ?? ',';
  const csv: CsvOptions = {
    key: column(values, 'csv-key') ?? 1,
    header: values['csv-header'] === true,
    delimiter: delimiter === '\\t' || delimiter.toLowerCase() === 'tab' ? '\t' : delimiter,
  };
  if (csv.delimiter.length !== 1) throw new UsageError(`--csv-delimiter must be one character, got '${delimiter}'`);
  const optional = { time: column(values, 'csv-time'), size: column(values, 'csv-size'), op: column(values, 'csv-op'), ttl: column(values, 'csv-ttl') };
  return { path, format, csv: { ...csv, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) } };
}
