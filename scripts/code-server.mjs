// Installs and runs code-server (VS Code in the browser) for `npm start` and the end-to-end tests.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24'; // what code-server 4.139 requires
export const repoRoot = resolve(import.meta.dirname, '..');
const cacheDir = process.env.CACHE_LAB_CACHE ?? join(homedir(), '.cache', 'cache-lab');
const nodeDir = join(cacheDir, `node${NODE_MAJOR}`);
const codeServerDir = join(cacheDir, 'code-server');
const codeServerMain = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const vsixPath = join(repoRoot, 'dist', 'cache-lab.vsix');

function log(message) {
  console.log(`[cache-lab] ${message}`);
}

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

/** Node 24 and code-server in the cache folder, installed from the npm registry when missing. */
export function ensureCodeServer() {
  const nodeBinary = join(nodeDir, 'bin', 'node');
  if (!existsSync(nodeBinary)) {
    log(`Installing Node ${NODE_MAJOR} for code-server into ${nodeDir}…`);
    const scratch = mkdtempSync(join(tmpdir(), 'cache-lab-node-'));
    writeFileSync(join(scratch, 'package.json'), '{"private":true}');
    run('npm', ['install', '--no-audit', '--no-fund', `node@${NODE_MAJOR}`], { cwd: scratch });
    mkdirSync(cacheDir, { recursive: true });
    cpSync(join(scratch, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`), nodeDir, { recursive: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(codeServerMain)) {
    log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (about two minutes, once)…`);
    mkdirSync(codeServerDir, { recursive: true });
    writeFileSync(join(codeServerDir, 'package.json'), '{"private":true}');
    run('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: codeServerDir,
      // node-gyp must build code-server's native modules against Node 24's headers.
      env: { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir },
    });
  }
  return { node: nodeBinary, main: codeServerMain };
}

/** Builds the extension and packages it as dist/cache-lab.vsix, exactly as `npm run package` does. */
export function packageExtension() {
  run('npm', ['run', '--silent', 'package'], { cwd: repoRoot });
  return vsixPath;
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts code-server with the extension installed in a profile of its own under `profileDir`.
 * Returns its URL for `folder` and a stop() that ends the whole process group.
 */
export async function startCodeServer({ profileDir, folder, settings = {}, quiet = false }) {
  const { node, main } = ensureCodeServer();
  const userDataDir = join(profileDir, 'user-data');
  const extensionsDir = join(profileDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'git.openRepositoryInParentFolders': 'never',
        'extensions.ignoreRecommendations': true,
        ...settings,
      },
      null,
      2,
    ),
  );
  run(node, [main, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsixPath, '--force'], {
    stdio: quiet ? 'ignore' : 'inherit',
  });
  const port = await freePort();
  const child = spawn(
    node,
    [main, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder],
    { detached: true, stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, stop, child };
}
