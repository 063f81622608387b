/** The worker behind ScanWorker (scanWorker.ts): reads the facts of each batch of files it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileFacts } from './fileFacts';
import { Grammars } from './parsing';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scanWorker';

const { wasmDirectory } = workerData as ScanWorkerData;
const grammars = new Grammars(wasmDirectory);
const port = parentPort!;

port.on('message', ({ id, files, maxFileBytes, wrappers }: ScanRequest) => {
  void (async () => {
    let reply: ScanReply;
    try {
      const facts = [];
      for (const file of files) facts.push(await readFileFacts(grammars, file.path, file.text, maxFileBytes, wrappers));
      reply = { id, facts };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  })();
});
