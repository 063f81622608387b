/** Runs simulation jobs in a worker thread so the extension host never blocks. */
import { Worker } from 'node:worker_threads';
import type { JobProgress, JobResult, SimulationJob, WorkerMessage } from './worker/jobs';

export class SimulationCancelled extends Error {
  constructor() {
    super('The simulation was cancelled.');
  }
}

export interface RunningJob<J extends SimulationJob> {
  readonly result: Promise<JobResult<J>>;
  /** Stops the worker at once; `result` then rejects with SimulationCancelled. */
  cancel(): void;
}

/** Starts `job` in a fresh worker (dist/simWorker.js); one worker per job, terminated when it ends. */
export function startJob<J extends SimulationJob>(
  workerScript: string,
  job: J,
  onProgress: (progress: JobProgress) => void,
): RunningJob<J> {
  const worker = new Worker(workerScript, { workerData: job });
  let settled = false;
  let cancel = (): void => {};
  const result = new Promise<JobResult<J>>((resolve, reject) => {
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    cancel = () => finish(() => reject(new SimulationCancelled()));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') finish(() => resolve(message.result as JobResult<J>));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The simulation worker stopped unexpectedly (exit code ${code}).`))),
    );
  });
  return { result, cancel: () => cancel() };
}
