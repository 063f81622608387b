import type { RequestSource } from '../source';
import { openCsv, type CsvOptions } from './csv';
import { openOracleGeneral, type ProgressListener } from './oracleGeneral';
import type { TraceFormat } from './formats';
import { openPrefetched } from './prefetch';
import { openText } from './text';

export type { CsvOptions, ColumnRef } from './csv';
export type { ProgressListener } from './oracleGeneral';
export { TraceError } from './traceError';

export { traceFormats, type TraceFormat } from './formats';

export interface TraceSpec {
  readonly path: string;
  readonly format: TraceFormat;
  /** Required for CSV. */
  readonly csv?: CsvOptions;
}

/** Default CSV layout: the key in the first column, no header, commas. */
export const defaultCsvOptions: CsvOptions = { key: 1, header: false, delimiter: ',' };

/**
 * Opens a trace file as a request source, read ahead in a worker thread where the worker's bundle
 * is at hand; a TraceError names what is wrong with the file.
 */
export function openTrace(spec: TraceSpec, onProgress?: ProgressListener): RequestSource {
  return openPrefetched(spec, onProgress) ?? openTraceHere(spec, onProgress);
}

/** Opens a trace file as a request source read in this thread. */
export function openTraceHere(spec: TraceSpec, onProgress?: ProgressListener): RequestSource {
  switch (spec.format) {
    case 'oracleGeneral':
      return openOracleGeneral(spec.path, onProgress);
    case 'csv':
      return openCsv(spec.path, spec.csv ?? defaultCsvOptions, onProgress);
    case 'text':
      return openText(spec.path, onProgress);
  }
}
