/** The trace formats Cache Lab reads and writes (kept apart from the readers so webviews can import it). */
export const traceFormats = ['oracleGeneral', 'csv', 'text'] as const;
export type TraceFormat = (typeof traceFormats)[number];
