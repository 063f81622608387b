/** Findings as SARIF 2.1.0, the format code-scanning tools read. */
import { relative, sep } from 'node:path';
import type { Finding, Severity } from './findings';
import type { Rule } from './rule';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function region(range: Finding['range']) {
  // SARIF lines and columns count from 1; columns in UTF-16 code units, its default.
  return { startLine: range.startLine + 1, startColumn: range.startColumn + 1, endLine: range.endLine + 1, endColumn: range.endColumn + 1 };
}

export function toSarif(findings: readonly Finding[], rules: readonly Rule[], root: string, version: string): object {
  const uri = (path: string): string => relative(root, path).split(sep).join('/');
  const location = (path: string, range: Finding['range']) => ({ physicalLocation: { artifactLocation: { uri: uri(path), uriBaseId: '%SRCROOT%' }, region: region(range) } });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Cache Lab',
          version,
          rules: rules.map((rule) => ({
            id: rule.code,
            name: rule.name,
            shortDescription: { text: rule.title },
            defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: `file://${root.split(sep).join('/')}/` } },
      results: findings.map((finding) => ({
        ruleId: finding.code,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location(finding.path, finding.range)],
        ...(finding.related.length > 0 ? { relatedLocations: finding.related.map((r, id) => ({ id, ...location(r.path, r.range), message: { text: r.message } })) } : {}),
      })),
    }],
  };
}
