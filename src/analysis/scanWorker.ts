/**
 * A worker thread that reads files' facts for the analyzer's scans, so that a scan uses both cores:
 * it parses and extracts in its own tree-sitter instance and answers with plain facts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from './facts';
import type { CacheWrappers } from './operations';

/** The worker's bundle, beside this module's bundle (dist/); absent when running from sources. */
export const defaultScanWorkerScript = join(__dirname, 'scanWorker.js');

/** What the worker is started with. */
export interface ScanWorkerData {
  /** Where tree-sitter's runtime and the grammars are. */
  readonly wasmDirectory: string;
}

/** A batch of files to read, as the analyzer's settings say. */
export interface ScanRequest {
  readonly id: number;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly maxFileBytes: number;
  readonly wrappers: CacheWrappers;
}

/** The facts of a batch's files in its order, or why the batch could not be read. */
export type ScanReply = { readonly id: number; readonly facts: readonly FileFacts[] } | { readonly id: number; readonly error: string };

export class ScanWorker {
  private readonly pending = new Map<number, { resolve(facts: readonly FileFacts[]): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | undefined;

  /** Starts a worker, or gives undefined when its bundle is not there (the analyzer then reads every file itself). */
  static start(wasmDirectory: string, script = defaultScanWorkerScript): ScanWorker | undefined {
    if (!existsSync(script)) return undefined;
    return new ScanWorker(new Worker(script, { workerData: { wasmDirectory } satisfies ScanWorkerData }));
  }

  private constructor(private readonly worker: Worker) {
    // Only a batch in flight keeps the process alive: an idle worker never holds up a CLI's exit.
    worker.unref();
    worker.on('message', (reply: ScanReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.settled(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.facts);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the scan worker stopped (exit code ${code})`)));
  }

  /** The facts of `files`, in their order. */
  read(files: ScanRequest['files'], maxFileBytes: number, wrappers: CacheWrappers): Promise<readonly FileFacts[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    const answer = new Promise<readonly FileFacts[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, files, maxFileBytes, wrappers } satisfies ScanRequest);
    return answer;
  }

  dispose(): void {
    this.fail(new Error('the scan worker was stopped'));
    void this.worker.terminate();
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, waiting] of this.pending) {
      this.settled(id);
      waiting.reject(error);
    }
  }
}
