import { analyzeCommand } from './commands/analyze';
import { clusterCommand } from './commands/cluster';
import { distributeCommand } from './commands/distribute';
import { keyslotCommand } from './commands/keyslot';
import { mrcCommand } from './commands/mrc';
import { raceCommand } from './commands/race';
import { simulateCommand } from './commands/simulate';
import { stampedeCommand } from './commands/stampede';
import { strategiesCommand } from './commands/strategies';
import { traceCommand } from './commands/trace';
import type { CliCommand, CliIo } from './io';
import packageJson from '../../package.json';

/** Every subcommand; adding one means a new file under commands/ and a line here. */
const commands: readonly CliCommand[] = [simulateCommand, mrcCommand, traceCommand, raceCommand, strategiesCommand, stampedeCommand, keyslotCommand, distributeCommand, clusterCommand, analyzeCommand];

const usage = `Usage: cache-lab <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`).join('\n')}

Run 'cache-lab <command> --help' for a command's options.
`;

/**
 * Runs the CLI on `argv` (without node and the script): the exit code, or a promise of it for a
 * command that works asynchronously.
 */
export function dispatch(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageJson.version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`cache-lab: unknown command '${name}' (choose from ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  const fail = (error: unknown): number => {
    // parseArgs reports unknown or malformed flags with a code starting ERR_PARSE_ARGS.
    const code = (error as { code?: unknown }).code;
    if ((error instanceof Error && error.name === 'UsageError') || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`cache-lab: ${(error as Error).message}\nRun 'cache-lab ${command.name} --help' for usage.\n`);
      return 2;
    }
    io.stderr(`cache-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  };
  try {
    const result = command.run(args, io);
    return typeof result === 'number' ? result : result.catch(fail);
  } catch (error) {
    return fail(error);
  }
}

/** Runs the CLI and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return dispatch(argv, io);
}
