import { dispatch } from '../../src/cli/run';

type Captured<T> = { code: T; stdout: string; stderr: string };

/** Runs a synchronous CLI command in-process, capturing what it prints. */
export function run(...argv: string[]): Captured<number> {
  const captured = runAny(argv);
  if (typeof captured.code !== 'number') throw new Error(`cache-lab ${argv[0]} is asynchronous: use runAsync`);
  return captured as Captured<number>;
}

/** Runs any CLI command in-process, waiting for it to finish. */
export async function runAsync(...argv: string[]): Promise<Captured<number>> {
  const captured = runAny(argv);
  const code = await captured.code;
  return { code, stdout: captured.stdout, stderr: captured.stderr };
}

function runAny(argv: string[]): Captured<number | Promise<number>> {
  const output = { stdout: '', stderr: '' };
  const code = dispatch(argv, { stdout: (t) => (output.stdout += t), stderr: (t) => (output.stderr += t) });
  return { code, get stdout() { return output.stdout; }, get stderr() { return output.stderr; } };
}
