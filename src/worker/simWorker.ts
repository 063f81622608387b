/** Runs one simulation job off the extension host's main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { simulate } from '../sim/simulate';
import { hitRateCurve } from '../sim/curve';
import { comparePolicies } from '../sim/compare';
import { openComparisonSource } from '../comparisonSource';
import { renamed } from '../sim/race/names';
import { exploreRace, runRace, runRaceInOrder } from '../sim/race/run';
import { requireRaceScenario } from '../sim/race/scenarios';
import { simulateStrategies } from '../sim/strategies/simulateStrategies';
import { strategyTradeoffs } from '../sim/strategies/tradeoffs';
import { runDistributionLab } from '../distributionSettings';
import { runStampedeLab } from '../stampedeSettings';
import { strategyRunConfig } from '../strategySettings';
import { progressInterval, type SimulationJob, type WorkerMessage } from './jobs';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function run(job: SimulationJob): void {
  try {
    if (job.kind === 'simulate') {
      const result = simulate(job.config, {
        progressInterval: progressInterval(job.config.requests),
        onProgress: (progress) => post({ type: 'progress', progress: { kind: 'simulate', progress } }),
      });
      post({ type: 'done', result });
    } else if (job.kind === 'compare') {
      const { settings } = job;
      const source = openComparisonSource(settings.source, settings.seed, (done, total) =>
        post({ type: 'progress', progress: { kind: 'reading', done, total } }),
      );
      try {
        const comparison = comparePolicies(source, settings, (done, total) =>
          post({ type: 'progress', progress: { kind: 'curve', done, total } }),
        );
        post({ type: 'done', result: comparison });
      } finally {
        source.close();
      }
    } else if (job.kind === 'distribution') {
      const outcome = runDistributionLab(job.settings, (done, total) => post({ type: 'progress', progress: { kind: 'curve', done, total } }));
      post({ type: 'done', result: outcome });
    } else if (job.kind === 'stampede') {
      post({ type: 'done', result: runStampedeLab(job.settings) });
    } else if (job.kind === 'strategies') {
      const config = strategyRunConfig(job.settings);
      const results = simulateStrategies(config);
      post({ type: 'done', result: { results, tradeoffs: strategyTradeoffs(results, config.crashAt) } });
    } else if (job.kind === 'race' || job.kind === 'raceExplore') {
      const { scenario, parameters, order, names } = job.request;
      const definition = requireRaceScenario(scenario);
      if (job.kind === 'raceExplore') post({ type: 'done', result: exploreRace(definition, parameters) });
      else post({ type: 'done', result: renamed(order ? runRaceInOrder(definition, order, parameters) : runRace(definition, parameters), names ?? {}) });
    } else {
      const result = simulate(job.simulation);
      const curve = hitRateCurve(job.curve, (done, total) =>
        post({ type: 'progress', progress: { kind: 'curve', done, total } }),
      );
      post({ type: 'done', result: { result, curve } });
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

run(workerData as SimulationJob);
