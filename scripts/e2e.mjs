// `npm run test:e2e`: the packaged extension in a real VS Code (code-server), driven by Chromium.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageExtension, repoRoot, startCodeServer } from './code-server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`End-to-end tests need Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

packageExtension();
const profileDir = mkdtempSync(join(tmpdir(), 'cache-lab-e2e-'));
// A copy of the sample workspace, so that edits the tests make (a quick fix) never reach the repository.
const workspace = join(profileDir, 'sample-workspace');
cpSync(join(repoRoot, 'sample-workspace'), workspace, { recursive: true });
const server = await startCodeServer({ profileDir, folder: workspace, quiet: true });
let status = 1;
try {
  // `npm run test:e2e -- compare` runs only the test files whose names contain "compare".
  const only = process.argv.slice(2);
  const files = readdirSync(join(repoRoot, 'test', 'e2e'))
    .filter((f) => f.endsWith('.e2e.mjs') && (only.length === 0 || only.some((part) => f.includes(part))))
    .map((f) => join('test', 'e2e', f));
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, CACHE_LAB_URL: server.url, CHROMIUM_PATH: CHROMIUM },
  });
  status = result.status ?? 1;
  reportActivationTime(profileDir);
} finally {
  server.stop();
  rmSync(profileDir, { recursive: true, force: true });
}
process.exit(status);

/** Prints the activation time the extension logged to its output channel during the run. */
function reportActivationTime(dir) {
  const logs = readdirSync(dir, { recursive: true }).filter((file) => String(file).endsWith('Cache Lab.log'));
  for (const file of logs) {
    const line = readFileSync(join(dir, String(file)), 'utf8').split('\n').find((l) => l.includes('Activated in'));
    if (line) console.log(`Cache Lab activation: ${line.slice(line.indexOf('Activated in'))}`);
  }
}
