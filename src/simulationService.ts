/** Runs simulations for the panels and views: in a worker, with progress and a working Cancel. */
import * as vscode from 'vscode';
import { SimulationCancelled, startJob, type RunningJob } from './simulationRunner';
import { progressFraction, type JobProgress, type JobResult, type SimulationJob } from './worker/jobs';

/** Runs shorter than this finish without a notification flashing up. */
const QUIET_MS = 400;

export class SimulationService implements vscode.Disposable {
  private readonly running = new Set<RunningJob<SimulationJob>>();

  constructor(
    private readonly workerScript: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Runs `job`; if it takes longer than a moment, a cancellable notification titled `title` shows its
   * progress. Rejects with SimulationCancelled when cancelled from there, through `token` or `cancelAll`.
   */
  async run<J extends SimulationJob>(
    job: J,
    title: string,
    onProgress: (progress: JobProgress) => void = () => {},
    token?: vscode.CancellationToken,
  ): Promise<JobResult<J>> {
    let reported = 0;
    let report: ((fraction: number) => void) | undefined;
    const running = startJob(this.workerScript, job, (progress) => {
      onProgress(progress);
      report?.(progressFraction(progress));
    });
    this.running.add(running);
    this.updateContext();
    const cancellation = token?.onCancellationRequested(() => running.cancel());
    const started = Date.now();
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => running.cancel());
          report = (fraction) => {
            const percent = Math.floor(fraction * 100);
            if (percent > reported) progress.report({ increment: percent - reported, message: `${percent}%` });
            reported = Math.max(reported, percent);
          };
          return running.result.catch(() => undefined);
        },
      );
    }, QUIET_MS);
    try {
      const result = await running.result;
      this.log.info(`${title}: done in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      if (error instanceof SimulationCancelled) this.log.info(`${title}: cancelled`);
      else this.log.error(`${title}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    } finally {
      clearTimeout(timer);
      cancellation?.dispose();
      this.running.delete(running);
      this.updateContext();
    }
  }

  cancelAll(): void {
    for (const running of this.running) running.cancel();
  }

  dispose(): void {
    this.cancelAll();
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'cacheLab.simulationRunning', this.running.size > 0);
  }
}
