// Bundles the extension host, the simulation worker, the trace reader's and the analyzer's workers, the CLI (with analyze apart), the bench and every webview.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist' };

const nodeTargets = {
  ...node,
  external: ['vscode'],
  entryPoints: {
    extension: 'src/extension.ts',
    simWorker: 'src/worker/simWorker.ts',
    traceReader: 'src/sim/trace/prefetchWorker.ts',
    scanWorker: 'src/analysis/scanWorkerThread.ts',
    bench: 'bench/bench.ts',
    // The CLI's analyze command (see below).
    analyzeRun: 'src/cli/commands/analyzeRun.ts',
  },
};

// `cache-lab analyze` is a bundle of its own, required by the CLI only when that command runs: the
// analyzer and its dependencies are most of the code, and every other command starts faster without them.
const analyzeRunOnDemand = {
  name: 'analyze-run-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/analyzeRun$/ }, () => ({ path: './analyzeRun.js', external: true }));
  },
};

const cli = {
  ...node,
  entryPoints: { cli: 'src/cli/main.ts' },
  banner: { js: '#!/usr/bin/env node' },
  plugins: [analyzeRunOnDemand],
};

// Each folder under webview/ with a main.ts is one panel or view bundle.
const webviewEntries = Object.fromEntries(
  readdirSync('webview', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
    .map((d) => [d.name, join('webview', d.name, 'main.ts')]),
);

const webviews = {
  ...common,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  entryPoints: webviewEntries,
  outdir: 'dist/webview',
};

function copyAssets() {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('webview/styles.css', 'dist/webview/styles.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
  // The analyzer's tree-sitter runtime and the grammars it uses.
  mkdirSync('dist/wasm', { recursive: true });
  for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-java.wasm', 'tree-sitter-go.wasm']) {
    cpSync(join('node_modules/@vscode/tree-sitter-wasm/wasm', file), join('dist/wasm', file));
  }
}

const configs = [nodeTargets, cli, webviews];
if (watch) {
  copyAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  copyAssets();
  chmodSync('dist/cli.js', 0o755);
}
