import { runCli } from './run';

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Progress is redrawn in place on a terminal and left out of redirected output.
  ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r${text}\x1b[K${text === '' ? '\r' : ''}`) } : {}),
}).then((code) => {
  process.exitCode = code;
});
