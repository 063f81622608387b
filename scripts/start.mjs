// `npm start`: opens Cache Lab, freshly built, in VS Code in the browser with the sample workspace.
import { join } from 'node:path';
import { packageExtension, repoRoot, startCodeServer } from './code-server.mjs';

packageExtension();
const server = await startCodeServer({
  profileDir: join(repoRoot, '.cache', 'vscode'),
  folder: join(repoRoot, 'sample-workspace'),
  quiet: true,
});
console.log(`\nCache Lab is running in VS Code at ${server.url}\nOpen it in a browser; press Ctrl+C to stop.\n`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.log(`code-server stopped (exit code ${code}).`);
  process.exit(code ?? 0);
});
