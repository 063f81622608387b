import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../../package.json';
import { Analyzer, defaultAnalyzerSettings, languageFor } from '../../analysis/analyzer';
import { CONFIG_FILE, parseConfig } from '../../analysis/config';
import type { Finding, Severity } from '../../analysis/findings';
import { Grammars } from '../../analysis/parsing';
import { rules } from '../../analysis/rules';
import { toSarif } from '../../analysis/sarif';
import { findWasmDirectory } from '../../analysis/wasmLocation';
import { fileFilter, sourceFiles } from '../../analysis/workspaceFiles';
import { UsageError, type CliIo } from '../io';

const usage = `Usage: cache-lab analyze [paths...] [options]

Reads the Python, JavaScript, TypeScript, Go and Java files under the paths (default: the current
folder; node_modules, .git, build folders and virtual environments are skipped) and reports caching
bugs:
${rules.map((rule) => `  ${rule.code}  ${rule.title}`).join('\n')}

Options:
  --format F           text, json or sarif (SARIF 2.1.0, for code-scanning tools) (default text)
  --fail-on LEVEL      exit 1 when a finding is at or above LEVEL: error, warning, info or never (default warning)
  --config FILE        settings file (default ${CONFIG_FILE} in the current folder, if there is one)
  -h, --help           show this help

Exit code: 1 when findings at or above --fail-on exist, 0 otherwise, 2 on a usage error.
`;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function text(findings: readonly Finding[], root: string): string {
  if (findings.length === 0) return 'No caching problems found.\n';
  const lines = findings.map((f) => `${relative(root, f.path)}:${f.range.startLine + 1}:${f.range.startColumn + 1}: ${f.severity} ${f.code} ${f.message}`);
  const counts = (['error', 'warning', 'info'] as const).map((level) => [level, findings.filter((f) => f.severity === level).length] as const).filter(([, n]) => n > 0);
  return `${lines.join('\n')}\n\n${counts.map(([level, n]) => `${n} ${level}${n === 1 ? '' : 's'}`).join(', ')}\n`;
}

/** `cache-lab analyze`: loaded by the command only when it runs (see analyze.ts). */
export async function analyze(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string' }, 'fail-on': { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format expects text, json or sarif, got '${format}'`);
  const failOn = values['fail-on'] ?? 'warning';
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on expects error, warning, info or never, got '${failOn}'`);
  const root = process.cwd();
  const configFile = values.config ?? (existsSync(resolve(root, CONFIG_FILE)) ? CONFIG_FILE : undefined);
  if (configFile !== undefined && !existsSync(resolve(root, configFile))) throw new UsageError(`--config: no such file ${configFile}`);
  const settings = configFile === undefined ? defaultAnalyzerSettings : parseConfig(readFileSync(resolve(root, configFile), 'utf8'), configFile);
  const paths = (positionals.length > 0 ? positionals : ['.']).map((path) => resolve(root, path));
  for (const path of paths) if (!existsSync(path)) throw new UsageError(`no such file or folder: ${relative(root, path) || path}`);
  const files = (await sourceFiles(paths)).filter(fileFilter(settings, configFile === undefined ? root : dirname(resolve(root, configFile))));
  const analyzer = new Analyzer(new Grammars(findWasmDirectory(__dirname)), settings);
  const code = files.filter((file) => languageFor(file));
  await analyzer.scan(await Promise.all(code.map(async (path) => ({ path, text: await readFile(path, 'utf8') }))), (done) => io.progress?.(`analyze: ${done} of ${code.length} files`));
  analyzer.dispose();
  io.progress?.('');
  const findings = analyzer.allFindings();
  if (format === 'json') io.stdout(JSON.stringify({ files: files.length, findings: findings.map((f) => ({ ...f, path: relative(root, f.path), related: f.related.map((r) => ({ ...r, path: relative(root, r.path) })), fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, path: relative(root, e.path) })) })) })) }, null, 2) + '\n');
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(findings, rules, root, packageJson.version), null, 2) + '\n');
  else io.stdout(text(findings, root));
  return failOn !== 'never' && findings.some((f) => RANK[f.severity] >= RANK[failOn as Severity]) ? 1 : 0;
}
