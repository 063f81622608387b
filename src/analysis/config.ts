/**
 * The analyzer's settings file, `.cache-lab.json` at the workspace root, read by the CLI and the
 * editor alike so both report the same findings.
 */
import { z } from 'zod';
import { defaultAnalyzerSettings, type AnalyzerSettings } from './analyzer';

export const CONFIG_FILE = '.cache-lab.json';

const configSchema = z.object({
  /** Per rule (code or name): off, or a severity. */
  rules: z.record(z.string(), z.enum(['off', 'info', 'warning', 'error'])).optional(),
  maxFileSize: z.number().int().positive().optional(),
  /** Globs relative to the folder of the settings file. */
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
  /** The project's own cache functions, by what they do: `{ "delete": ["evict_user"] }`. */
  cacheWrappers: z.object({ get: z.array(z.string().min(1)).optional(), set: z.array(z.string().min(1)).optional(), delete: z.array(z.string().min(1)).optional() }).strict().optional(),
}).strict();

/** Settings from the file's text; throws an error naming the file and what is wrong. */
export function parseConfig(text: string, file: string): AnalyzerSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const rules = parsed.data.rules ?? {};
  return {
    disabled: Object.entries(rules).filter(([, level]) => level === 'off').map(([rule]) => rule),
    severity: Object.fromEntries(Object.entries(rules).filter(([, level]) => level !== 'off')) as AnalyzerSettings['severity'],
    maxFileBytes: parsed.data.maxFileSize ?? defaultAnalyzerSettings.maxFileBytes,
    include: parsed.data.include ?? [],
    exclude: parsed.data.exclude ?? [],
    cacheWrappers: parsed.data.cacheWrappers ?? {},
  };
}
