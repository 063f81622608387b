import { parseArgs } from 'node:util';
import { exploreRace, resolveParameters, runRace, runRaceInOrder, type RaceRun } from '../../sim/race/run';
import { raceScenarios, requireRaceScenario } from '../../sim/race/scenarios';
import { formatTable, UsageError, type CliCommand } from '../io';
import { listFlag, numberFlag } from '../options';

const usage = `Usage: cache-lab race [scenario] [options]

Steps through an invalidation race one event at a time and says whether it ends consistent, or
which key is stale, with what value, for how long. Without a scenario, lists them.

Scenarios:
${raceScenarios.map((scenario) => `  ${scenario.id.padEnd(26)} ${scenario.title}`).join('\n')}

Options:
  --param NAME=VALUE   set a scenario parameter (repeatable), e.g. --param delay=20
  --order LIST         run the steps in this order of step ids (a counterexample from --explore)
  --explore            try every interleaving of the actors' steps that the timings allow; count
                       those that end stale and show one with the fewest switches between actors
  --limit N            stop exploring after N interleavings (default 100000)
  --json               print one JSON object (times in virtual ms; null where a stale value never ends)
  -h, --help           show this help
`;

function parameters(values: readonly string[] | undefined): Record<string, number> {
  const parsed: Record<string, number> = {};
  for (const item of values ?? []) {
    const match = /^([\w-]+)=(.*)$/.exec(item);
    if (!match) throw new UsageError(`--param expects NAME=VALUE, got '${item}'`);
    parsed[match[1]!] = numberFlag(`param ${match[1]}`, match[2], NaN, -Infinity, Infinity);
  }
  return parsed;
}

function describeRun(run: RaceRun): string {
  const rows = run.events.map((event) => [`${event.time} ms`, event.actor, event.detail]);
  const state = run.events.at(-1)?.after ?? run.initial;
  const caches = Object.entries(state.caches).map(([name, entries]) => `${name}: ${JSON.stringify(entries)}`);
  return (
    formatTable(['time', 'actor', 'what happened'], rows, [true, false, false]) +
    `\nAt the end: ${[...caches, `DB: ${JSON.stringify(state.db)}`].join('; ')}\n` +
    (run.verdict.staleReads.length > 0
      ? `Stale reads: ${run.verdict.staleReads.map((read) => `t=${read.time} ms ${read.cache} served '${read.served}' (DB: '${read.current}')`).join('; ')}\n`
      : '') +
    `Verdict: ${run.verdict.summary}\n`
  );
}

export const raceCommand: CliCommand = {
  name: 'race',
  summary: 'step through an invalidation race, or explore every interleaving of it',
  run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        param: { type: 'string', multiple: true },
        order: { type: 'string' },
        explore: { type: 'boolean' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    if (positionals.length === 0) {
      if (values.json) io.stdout(JSON.stringify(raceScenarios.map(({ id, title, summary, parameters }) => ({ id, title, summary, parameters })), null, 2) + '\n');
      else io.stdout(formatTable(['scenario', 'what it shows'], raceScenarios.map((scenario) => [scenario.id, scenario.title]), [false, false]));
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`one scenario at a time, got ${positionals.join(' ')}`);
    let scenario;
    try {
      scenario = requireRaceScenario(positionals[0]!);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const given = parameters(values.param);
    try {
      resolveParameters(scenario, given);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.explore) {
      if (values.order !== undefined) throw new UsageError('--order and --explore do not go together');
      const limit = numberFlag('limit', values.limit, 100_000, 1, 10_000_000, true);
      const exploration = exploreRace(scenario, given, limit);
      if (values.json) {
        io.stdout(JSON.stringify(exploration, null, 2) + '\n');
        return 0;
      }
      const counter = exploration.counterexample;
      io.stdout(
        `${scenario.title}\n${Object.entries(exploration.parameters).map(([name, value]) => `${name} = ${value}`).join(', ')}\n\n` +
          `${exploration.interleavings.toLocaleString('en-US')} interleavings${exploration.truncated ? ` (stopped at --limit ${limit})` : ''}; ` +
          `${exploration.inconsistent.toLocaleString('en-US')} end stale or lose a write.\n` +
          (counter
            ? `\nShortest counterexample (--order ${counter.order.join(',')}):\n\n${describeRun(runRaceInOrder(scenario, counter.order, given))}`
            : 'Every one ends consistent.\n'),
      );
      return 0;
    }
    const run = values.order === undefined ? runRace(scenario, given) : runRaceInOrder(scenario, listFlag('order', values.order), given);
    if (values.json) {
      io.stdout(JSON.stringify(run, null, 2) + '\n');
      return 0;
    }
    const parameterLine = Object.entries(run.parameters).map(([name, value]) => `${name} = ${value}`).join(', ');
    io.stdout(`${scenario.title}\n${scenario.summary}\n${parameterLine ? `${parameterLine}\n` : ''}\n${describeRun(run)}`);
    return 0;
  },
};
