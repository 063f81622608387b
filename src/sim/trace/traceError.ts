/** Anything wrong with a trace file: the message names the file and where, and what was expected. */
export class TraceError extends Error {
  override readonly name = 'TraceError';
}
