import type { CliCommand } from '../io';

/**
 * `cache-lab analyze`. The analyzer, its grammars, rules and settings schema are most of the CLI's
 * code, so they are loaded only when this command runs: the build puts them in a bundle of their
 * own, and the other commands start without compiling them.
 */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'find caching bugs in Python, JavaScript, TypeScript, Go and Java code (text, JSON or SARIF)',
  async run(args, io) {
    const { analyze } = await import('./analyzeRun');
    return analyze(args, io);
  },
};
