import { describe, expect, it } from 'vitest';
import { Analyzer, defaultAnalyzerSettings, type AnalyzerSettings } from '../../src/analysis/analyzer';
import { parseConfig } from '../../src/analysis/config';
import { grammars, summary } from './analyze';

const wrappers: AnalyzerSettings['cacheWrappers'] = { get: ['get_cached', 'getCached', 'GetCached'], set: ['put_cached', 'putCached', 'PutCached'], delete: ['drop_cached', 'dropCached', 'DropCached', 'evict'] };

async function analyze(files: Record<string, string>, settings: AnalyzerSettings = { ...defaultAnalyzerSettings, cacheWrappers: wrappers }) {
  const analyzer = new Analyzer(grammars, settings);
  for (const [path, text] of Object.entries(files)) await analyzer.update(path, text);
  return analyzer;
}

const pyReader = `
def get_user(user_id):
    cached = get_cached(f"user:{user_id}")
    if cached:
        return cached
    row = db.execute("SELECT * FROM users WHERE id = %s", [user_id]).fetchone()
    put_cached(f"user:{user_id}", row)
    return row
`;

describe("the project's own cache functions (cacheWrappers)", () => {
  it('make a fill out of wrapped GET and SET, and count a wrapped delete as the invalidation, in Python', async () => {
    const writer = `
def rename(user_id, name):
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])

def deactivate(user_id):
    db.execute("UPDATE users SET active = false WHERE id = %s", [user_id])
    cache_service.drop_cached(f"user:{user_id}")
`;
    const analyzer = await analyze({ 'reader.py': pyReader, 'writer.py': writer });
    expect(summary(analyzer.allFindings())).toEqual(['CL001 writer.py:3']);
    expect(analyzer.allFindings()[0]!.message).toContain('get_user fills it from users (reader.py:7)');
    // No fix: how the project's own functions delete a key is for the project to say.
    expect(analyzer.allFindings()[0]!.fixes).toEqual([]);
    // Without the setting the analyzer sees no cache at all.
    expect(summary((await analyze({ 'reader.py': pyReader, 'writer.py': writer }, defaultAnalyzerSettings)).allFindings())).toEqual([]);
  });

  it('work the same in TypeScript, Go and Java, with a method receiver and Go’s context argument', async () => {
    const analyzer = await analyze({
      'reader.ts': `
export async function getProduct(id: string) {
  const cached = await cache.getCached(\`product:\${id}\`);
  if (cached) return cached;
  const { rows } = await db.query('SELECT * FROM products WHERE id = $1', [id]);
  await cache.putCached(\`product:\${id}\`, rows[0]);
  return rows[0];
}
`,
      'writer.ts': `
export async function reprice(id: string, price: number) {
  await db.query('UPDATE products SET price = $1 WHERE id = $2', [price, id]);
  await cache.dropCached(\`product:\${id}\`);
}
export async function rename(id: string, name: string) {
  await db.query('UPDATE products SET name = $1 WHERE id = $2', [name, id]);
}
`,
      'writer.go': `
package products

func (s *Service) Retire(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, "UPDATE products SET active = false WHERE id = $1", id)
	s.cache.DropCached(ctx, fmt.Sprintf("product:%d", id))
	return err
}
`,
      'Writer.java': `
public class Writer {
    public void archive(long id) {
        jdbc.update("UPDATE products SET archived = true WHERE id = ?", id);
        caches.evict("product:" + id);
    }
}
`,
    });
    expect(summary(analyzer.allFindings())).toEqual(['CL001 writer.ts:7']);
  });

  it('come from .cache-lab.json, and changing them makes the analyzer read the files again', async () => {
    expect(parseConfig(JSON.stringify({ cacheWrappers: { delete: ['evict_user'] } }), '.cache-lab.json').cacheWrappers).toEqual({ delete: ['evict_user'] });
    expect(() => parseConfig(JSON.stringify({ cacheWrappers: { remove: ['evict_user'] } }), '.cache-lab.json')).toThrow(/\.cache-lab\.json: .*cacheWrappers/);
    const analyzer = await analyze({ 'reader.py': pyReader }, defaultAnalyzerSettings);
    expect(analyzer.configure({ ...defaultAnalyzerSettings, severity: { CL001: 'error' } })).toBe(false);
    expect(analyzer.configure({ ...defaultAnalyzerSettings, cacheWrappers: wrappers })).toBe(true);
    await analyzer.update('reader.py', pyReader);
    await analyzer.update('writer.py', 'def rename(user_id, name):\n    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])\n');
    expect(summary(analyzer.allFindings())).toEqual(['CL001 writer.py:2']);
  });
});
