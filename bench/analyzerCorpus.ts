/**
 * The analyzer bench's workspace, generated from templates with a seeded RNG: services in Python,
 * TypeScript, JavaScript, Go and Java with cache-aside reads, writes, deletes, warm-up jobs, locks
 * and plain business logic. Entities recur across files, so a fill in one file meets writes in
 * others, and a few functions carry the bugs the rules look for.
 */
import { createRng, type Rng } from '../src/sim/rng';

export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

interface Entity {
  /** `order_item`: Python names and the key prefix. */
  readonly snake: string;
  /** `orderItem` */
  readonly camel: string;
  /** `OrderItem` */
  readonly pascal: string;
  readonly table: string;
}

/** How a write to an entity treats its cached key: the correct forms, and each rule's bug. */
type WriteStyle = 'delete' | 'helper' | 'missing' | 'set' | 'delete-first';

/** One language's templates: each returns the lines of one function (or of the file's frame). */
interface Dialect {
  /** The language id the analyzer knows it by. */
  readonly language: string;
  readonly folder: string;
  readonly extension: string;
  /** A module every file of the language imports its helpers from, written once. */
  readonly common: readonly string[];
  header(module: string, entities: readonly Entity[]): string[];
  fill(entity: Entity): string[];
  write(entity: Entity, field: string, style: WriteStyle): string[];
  invalidator(entity: Entity): string[];
  remove(entity: Entity): string[];
  warm(entity: Entity, jitter: boolean): string[];
  lock(entity: Entity, expires: boolean): string[];
  validate(entity: Entity, field: string, limit: number): string[];
  summarize(entity: Entity, field: string, digits: number): string[];
  footer(): string[];
}

const NOUNS = ['user', 'order', 'invoice', 'product', 'shipment', 'coupon', 'review', 'account', 'team', 'project', 'ticket', 'payment', 'refund', 'cart', 'address', 'vendor', 'warehouse', 'report', 'session', 'subscription', 'plan', 'feature', 'comment', 'message', 'channel', 'device', 'license', 'budget', 'campaign', 'lead', 'contact', 'asset', 'booking', 'room', 'flight', 'route', 'driver', 'vehicle', 'menu', 'recipe', 'course', 'lesson', 'exam', 'grade', 'patient', 'visit', 'claim', 'policy', 'quote', 'supplier', 'contract', 'milestone', 'sprint', 'badge', 'reward', 'webhook', 'tenant', 'region'];
const QUALIFIERS = ['', 'profile', 'item', 'summary', 'setting', 'note', 'stat', 'event', 'tag', 'history', 'detail', 'limit', 'preference', 'score', 'snapshot'];
const FIELDS = ['name', 'status', 'email', 'title', 'amount_cents', 'quantity', 'priority', 'owner_id', 'due_date', 'notes', 'score', 'currency', 'region_code', 'label', 'price_cents'];
const DOMAINS = ['billing', 'catalog', 'checkout', 'identity', 'inventory', 'logistics', 'marketing', 'messaging', 'payments', 'reporting', 'scheduling', 'search', 'support', 'accounts', 'learning', 'clinic', 'travel', 'fleet', 'kitchen', 'rewards'];
const ROLES = ['service', 'admin', 'jobs', 'handlers', 'repository'];

const camel = (snake: string): string => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const pascal = (snake: string): string => camel(snake).replace(/^[a-z]/, (c) => c.toUpperCase());
const plural = (word: string): string => (/(s|x|ch|sh)$/.test(word) ? `${word}es` : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`);

function entity(noun: string, qualifier: string): Entity {
  const snake = qualifier ? `${noun}_${qualifier}` : noun;
  return { snake, camel: camel(snake), pascal: pascal(snake), table: plural(snake) };
}

const python: Dialect = {
  language: 'python',
  folder: 'py',
  extension: '.py',
  common: ['import json', '', '', 'def audit(event: str, subject: int) -> None:', '    print(json.dumps({"event": event, "subject": subject}))'],
  header: (module, entities) => [
    `"""${module}: ${entities.map((e) => e.table).join(', ')}, cached in Redis."""`,
    'import json',
    'import random',
    'import uuid',
    '',
    'import redis',
    'from django.conf import settings',
    'from django.db import connection, transaction',
    '',
    'from common.audit import audit',
    '',
    'r = redis.Redis.from_url(settings.REDIS_URL)',
    'TTL_SECONDS = 300',
    '',
  ],
  fill: (e) => [
    `def get_${e.snake}(${e.snake}_id: int) -> dict | None:`,
    `    cached = r.get(f"${e.snake}:{${e.snake}_id}")`,
    '    if cached is not None:',
    '        return json.loads(cached)',
    '    with connection.cursor() as cursor:',
    `        cursor.execute("SELECT id, name, status FROM ${e.table} WHERE id = %s", [${e.snake}_id])`,
    '        row = cursor.fetchone()',
    '    if row is None:',
    '        return None',
    '    value = {"id": row[0], "name": row[1], "status": row[2]}',
    `    r.set(f"${e.snake}:{${e.snake}_id}", json.dumps(value), ex=TTL_SECONDS)`,
    '    return value',
  ],
  write: (e, field, style) => [
    `def set_${e.snake}_${field}(${e.snake}_id: int, ${field}) -> None:`,
    ...(style === 'delete-first' ? [`    r.delete(f"${e.snake}:{${e.snake}_id}")`] : []),
    '    with transaction.atomic():',
    '        with connection.cursor() as cursor:',
    `            cursor.execute("UPDATE ${e.table} SET ${field} = %s WHERE id = %s", [${field}, ${e.snake}_id])`,
    ...{
      delete: [`    r.delete(f"${e.snake}:{${e.snake}_id}")`],
      helper: [`    forget_${e.snake}(${e.snake}_id)`],
      missing: [`    audit("${e.snake}.${field}", ${e.snake}_id)`],
      set: [`    r.set(f"${e.snake}:{${e.snake}_id}", json.dumps({"${field}": ${field}}), ex=TTL_SECONDS)`],
      'delete-first': [],
    }[style],
  ],
  invalidator: (e) => [`def forget_${e.snake}(${e.snake}_id: int) -> None:`, `    r.delete(f"${e.snake}:{${e.snake}_id}", f"${e.snake}_list:{${e.snake}_id}")`],
  remove: (e) => [
    `def delete_${e.snake}(${e.snake}_id: int) -> None:`,
    '    with connection.cursor() as cursor:',
    `        cursor.execute("DELETE FROM ${e.table} WHERE id = %s", [${e.snake}_id])`,
    `    r.delete(f"${e.snake}:{${e.snake}_id}")`,
  ],
  warm: (e, jitter) => [
    `def warm_${e.table}() -> None:`,
    '    with connection.cursor() as cursor:',
    `        cursor.execute("SELECT id, name FROM ${e.table} WHERE hot = TRUE")`,
    '        rows = cursor.fetchall()',
    '    with r.pipeline() as pipe:',
    '        for row_id, name in rows:',
    `            pipe.set(f"${e.snake}_name:{row_id}", name, ex=${jitter ? 'TTL_SECONDS + random.randint(0, 30)' : 'TTL_SECONDS'})`,
    '        pipe.execute()',
  ],
  lock: (e, expires) => [
    `def rebuild_${e.snake}_index() -> None:`,
    '    token = uuid.uuid4().hex',
    `    if not r.set("lock:${e.snake}-index", token, nx=True${expires ? ', ex=600' : ''}):`,
    '        return',
    '    with connection.cursor() as cursor:',
    `        cursor.execute("SELECT id FROM ${e.table} ORDER BY id")`,
    '        ids = [row[0] for row in cursor.fetchall()]',
    `    r.set("${e.snake}_index", json.dumps(ids), ex=TTL_SECONDS)`,
  ],
  validate: (e, field, limit) => [
    `def validate_${e.snake}_${field}(payload: dict) -> list[str]:`,
    '    errors = []',
    `    value = payload.get("${field}")`,
    '    if value is None:',
    `        errors.append("${field} is required")`,
    `    elif isinstance(value, str) and len(value) > ${limit}:`,
    `        errors.append("${field} is longer than ${limit} characters")`,
    '    for name in ("owner_id", "created_at"):',
    '        if name in payload and not payload[name]:',
    '            errors.append(f"{name} must not be empty")',
    '    return errors',
  ],
  summarize: (e, field, digits) => [
    `def summarize_${e.table}_by_${field}(rows: list[dict]) -> dict:`,
    '    total = 0',
    '    by_status: dict[str, int] = {}',
    '    for row in rows:',
    `        total += row.get("${field}", 0) or 0`,
    '        status = row.get("status", "unknown")',
    '        by_status[status] = by_status.get(status, 0) + 1',
    '    average = total / len(rows) if rows else 0',
    `    return {"total": total, "average": round(average, ${digits}), "by_status": by_status}`,
  ],
  footer: () => [],
};

function typescriptDialect(typed: boolean): Dialect {
  const t = (annotation: string): string => (typed ? annotation : '');
  return {
    language: 'typescript',
    folder: typed ? 'ts' : 'js',
    extension: typed ? '.ts' : '.js',
    common: [`export function audit(event${t(': string')}, subject${t(': number')})${t(': void')} {`, '  console.log(JSON.stringify({ event, subject }));', '}'],
    header: (module, entities) => [
      `// ${module}: ${entities.map((e) => e.table).join(', ')}, cached in Redis.`,
      'import { Redis } from "ioredis";',
      'import pg from "pg";',
      'import { randomUUID } from "node:crypto";',
      'import { audit } from "../common/audit";',
      '',
      'const redis = new Redis(process.env.REDIS_URL);',
      'const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });',
      'const TTL_SECONDS = 300;',
      '',
    ],
    fill: (e) => [
      `export async function get${e.pascal}(id${t(': number')})${t(`: Promise<Record<string, unknown> | null>`)} {`,
      `  const cached = await redis.get(\`${e.snake}:\${id}\`);`,
      '  if (cached !== null) return JSON.parse(cached);',
      `  const { rows } = await db.query("SELECT id, name, status FROM ${e.table} WHERE id = $1", [id]);`,
      '  if (rows.length === 0) return null;',
      `  await redis.set(\`${e.snake}:\${id}\`, JSON.stringify(rows[0]), "EX", TTL_SECONDS);`,
      '  return rows[0];',
      '}',
    ],
    write: (e, field, style) => [
      `export async function set${e.pascal}${pascal(field)}(id${t(': number')}, ${camel(field)}${t(': unknown')})${t(': Promise<void>')} {`,
      ...(style === 'delete-first' ? [`  await redis.del(\`${e.snake}:\${id}\`);`] : []),
      `  await db.query("UPDATE ${e.table} SET ${field} = $1 WHERE id = $2", [${camel(field)}, id]);`,
      ...{
        delete: [`  await redis.del(\`${e.snake}:\${id}\`);`],
        helper: [`  await forget${e.pascal}(id);`],
        missing: [`  audit("${e.snake}.${field}", id);`],
        set: [`  await redis.set(\`${e.snake}:\${id}\`, JSON.stringify({ ${camel(field)} }), "EX", TTL_SECONDS);`],
        'delete-first': [],
      }[style],
      '}',
    ],
    invalidator: (e) => [`async function forget${e.pascal}(id${t(': number')})${t(': Promise<void>')} {`, `  await redis.del(\`${e.snake}:\${id}\`, \`${e.snake}_list:\${id}\`);`, '}'],
    remove: (e) => [
      `export async function delete${e.pascal}(id${t(': number')})${t(': Promise<void>')} {`,
      `  await db.query("DELETE FROM ${e.table} WHERE id = $1", [id]);`,
      `  await redis.del(\`${e.snake}:\${id}\`);`,
      '}',
    ],
    warm: (e, jitter) => [
      `export async function warm${pascal(e.table)}()${t(': Promise<void>')} {`,
      `  const { rows } = await db.query("SELECT id, name FROM ${e.table} WHERE hot = TRUE");`,
      '  for (const row of rows) {',
      `    await redis.set(\`${e.snake}_name:\${row.id}\`, row.name, "EX", ${jitter ? 'TTL_SECONDS + Math.floor(Math.random() * 30)' : 'TTL_SECONDS'});`,
      '  }',
      '}',
    ],
    lock: (e, expires) => [
      `export async function rebuild${e.pascal}Index()${t(': Promise<void>')} {`,
      '  const token = randomUUID();',
      `  if (!(await redis.set("lock:${e.snake}-index", token, ${expires ? '"EX", 600, ' : ''}"NX"))) return;`,
      `  const { rows } = await db.query("SELECT id FROM ${e.table} ORDER BY id");`,
      `  await redis.set("${e.snake}_index", JSON.stringify(rows.map((row) => row.id)), "EX", TTL_SECONDS);`,
      '}',
    ],
    validate: (e, field, limit) => [
      `export function validate${e.pascal}${pascal(field)}(payload${t(': Record<string, unknown>')})${t(': string[]')} {`,
      `  const errors${t(': string[]')} = [];`,
      `  const value = payload["${field}"];`,
      `  if (value === undefined || value === null) errors.push("${field} is required");`,
      `  else if (typeof value === "string" && value.length > ${limit}) errors.push("${field} is longer than ${limit} characters");`,
      '  for (const name of ["ownerId", "createdAt"]) {',
      '    if (name in payload && !payload[name]) errors.push(`${name} must not be empty`);',
      '  }',
      '  return errors;',
      '}',
    ],
    summarize: (e, field, digits) => [
      `export function summarize${pascal(e.table)}By${pascal(field)}(rows${t(': Record<string, number | string>[]')}) {`,
      '  let total = 0;',
      `  const byStatus${t(': Record<string, number>')} = {};`,
      '  for (const row of rows) {',
      `    total += Number(row["${field}"] ?? 0);`,
      '    const status = String(row.status ?? "unknown");',
      '    byStatus[status] = (byStatus[status] ?? 0) + 1;',
      '  }',
      '  const average = rows.length > 0 ? total / rows.length : 0;',
      `  return { total, average: Number(average.toFixed(${digits})), byStatus };`,
      '}',
    ],
    footer: () => [],
  };
}

/** Go: a package per file with a store type whose methods take a context; keys built with fmt.Sprintf. */
function goDialect(): Dialect {
  const method = (name: string, parameters: string, result: string): string => `func (s *Store) ${name}(ctx context.Context${parameters}) ${result} {`;
  const key = (e: Entity): string => `fmt.Sprintf("${e.snake}:%d", id)`;
  return {
    language: 'go',
    folder: 'go',
    extension: '.go',
    common: [],
    header: (module, entities) => [
      `// Package ${module.replace(/_/g, '')} keeps ${entities.map((e) => e.table).join(', ')}, cached in Redis.`,
      `package ${module.replace(/_/g, '')}`,
      '',
      'import (',
      '\t"context"',
      '\t"database/sql"',
      '\t"fmt"',
      '\t"math/rand"',
      '\t"time"',
      '',
      '\t"github.com/redis/go-redis/v9"',
      ')',
      '',
      'const ttl = 5 * time.Minute',
      '',
      'type Store struct {',
      '\tdb  *sql.DB',
      '\trdb *redis.Client',
      '}',
      '',
    ],
    fill: (e) => [
      method(`Get${e.pascal}`, ', id int64', '(string, error)'),
      `\tkey := ${key(e)}`,
      '\tif cached, err := s.rdb.Get(ctx, key).Result(); err == nil {',
      '\t\treturn cached, nil',
      '\t}',
      '\tvar name string',
      `\tif err := s.db.QueryRowContext(ctx, "SELECT name FROM ${e.table} WHERE id = $1", id).Scan(&name); err != nil {`,
      `\t\treturn "", fmt.Errorf("get ${e.snake} %d: %w", id, err)`,
      '\t}',
      '\ts.rdb.Set(ctx, key, name, ttl)',
      '\treturn name, nil',
      '}',
    ],
    write: (e, field, style) => [
      method(`Set${e.pascal}${pascal(field)}`, `, id int64, ${camel(field)} string`, 'error'),
      ...(style === 'delete-first' ? [`\ts.rdb.Del(ctx, ${key(e)})`] : []),
      `\tif _, err := s.db.ExecContext(ctx, "UPDATE ${e.table} SET ${field} = $1 WHERE id = $2", ${camel(field)}, id); err != nil {`,
      `\t\treturn fmt.Errorf("set ${e.snake} ${field}: %w", err)`,
      '\t}',
      ...{
        delete: [`\treturn s.rdb.Del(ctx, ${key(e)}).Err()`],
        helper: [`\treturn s.forget${e.pascal}(ctx, id)`],
        missing: ['\treturn nil'],
        set: [`\treturn s.rdb.Set(ctx, ${key(e)}, ${camel(field)}, ttl).Err()`],
        'delete-first': ['\treturn nil'],
      }[style],
      '}',
    ],
    invalidator: (e) => [method(`forget${e.pascal}`, ', id int64', 'error'), `\treturn s.rdb.Del(ctx, ${key(e)}, fmt.Sprintf("${e.snake}_list:%d", id)).Err()`, '}'],
    remove: (e) => [
      method(`Delete${e.pascal}`, ', id int64', 'error'),
      `\tif _, err := s.db.ExecContext(ctx, "DELETE FROM ${e.table} WHERE id = $1", id); err != nil {`,
      '\t\treturn err',
      '\t}',
      `\treturn s.rdb.Del(ctx, ${key(e)}).Err()`,
      '}',
    ],
    warm: (e, jitter) => [
      method(`Warm${pascal(e.table)}`, '', 'error'),
      `\trows, err := s.db.QueryContext(ctx, "SELECT id, name FROM ${e.table} WHERE hot = TRUE")`,
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\tdefer rows.Close()',
      '\tfor rows.Next() {',
      '\t\tvar id int64',
      '\t\tvar name string',
      '\t\tif err := rows.Scan(&id, &name); err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      `\t\ts.rdb.Set(ctx, fmt.Sprintf("${e.snake}_name:%d", id), name, ${jitter ? 'ttl+time.Duration(rand.Intn(30))*time.Second' : 'ttl'})`,
      '\t}',
      '\treturn rows.Err()',
      '}',
    ],
    lock: (e, expires) => [
      method(`Rebuild${e.pascal}Index`, '', 'error'),
      `\tok, err := s.rdb.SetNX(ctx, "lock:${e.snake}-index", "held", ${expires ? '10*time.Minute' : '0'}).Result()`,
      '\tif err != nil || !ok {',
      '\t\treturn err',
      '\t}',
      `\t_, err = s.db.ExecContext(ctx, "UPDATE ${e.table} SET indexed_at = now()")`,
      '\treturn err',
      '}',
    ],
    validate: (e, field, limit) => [
      `func Validate${e.pascal}${pascal(field)}(payload map[string]string) []string {`,
      '\tvar problems []string',
      `\tvalue, ok := payload["${field}"]`,
      '\tif !ok {',
      `\t\tproblems = append(problems, "${field} is required")`,
      `\t} else if len(value) > ${limit} {`,
      `\t\tproblems = append(problems, "${field} is longer than ${limit} characters")`,
      '\t}',
      '\tfor _, name := range []string{"owner_id", "created_at"} {',
      '\t\tif v, ok := payload[name]; ok && v == "" {',
      '\t\t\tproblems = append(problems, name+" must not be empty")',
      '\t\t}',
      '\t}',
      '\treturn problems',
      '}',
    ],
    summarize: (e, field, digits) => [
      `func Summarize${pascal(e.table)}By${pascal(field)}(rows []map[string]float64) (total, average float64) {`,
      '\tfor _, row := range rows {',
      `\t\ttotal += row["${field}"]`,
      '\t}',
      '\tif len(rows) > 0 {',
      `\t\tscale := float64(${10 ** digits})`,
      '\t\taverage = float64(int64(total/float64(len(rows))*scale)) / scale',
      '\t}',
      '\treturn total, average',
      '}',
    ],
    footer: () => [],
  };
}

/** Java: a Spring service class per file, over StringRedisTemplate and JdbcTemplate. */
function javaDialect(): Dialect {
  const key = (e: Entity): string => `"${e.snake}:" + id`;
  return {
    language: 'java',
    folder: 'java',
    extension: '.java',
    common: [],
    header(module, entities) {
      const service = `${pascal(module)}Service`;
      return [
        `package com.example.${module.split('_')[0]};`,
        '',
        'import java.time.Duration;',
        'import java.util.ArrayList;',
        'import java.util.List;',
        'import java.util.Map;',
        'import java.util.UUID;',
        'import java.util.concurrent.ThreadLocalRandom;',
        'import org.springframework.data.redis.core.StringRedisTemplate;',
        'import org.springframework.jdbc.core.JdbcTemplate;',
        'import org.springframework.stereotype.Service;',
        '',
        `/** ${entities.map((e) => e.table).join(', ')}, cached in Redis. */`,
        '@Service',
        `public class ${service} {`,
        '    private static final Duration TTL = Duration.ofMinutes(5);',
        '    private final JdbcTemplate jdbc;',
        '    private final StringRedisTemplate redis;',
        '',
        `    public ${service}(JdbcTemplate jdbc, StringRedisTemplate redis) {`,
        '        this.jdbc = jdbc;',
        '        this.redis = redis;',
        '    }',
        '',
      ];
    },
    fill: (e) => [
      `    public String get${e.pascal}(long id) {`,
      `        String cached = redis.opsForValue().get(${key(e)});`,
      '        if (cached != null) {',
      '            return cached;',
      '        }',
      `        String name = jdbc.queryForObject("SELECT name FROM ${e.table} WHERE id = ?", String.class, id);`,
      `        redis.opsForValue().set(${key(e)}, name, TTL);`,
      '        return name;',
      '    }',
    ],
    write: (e, field, style) => [
      `    public void set${e.pascal}${pascal(field)}(long id, String ${camel(field)}) {`,
      ...(style === 'delete-first' ? [`        redis.delete(${key(e)});`] : []),
      `        jdbc.update("UPDATE ${e.table} SET ${field} = ? WHERE id = ?", ${camel(field)}, id);`,
      ...{
        delete: [`        redis.delete(${key(e)});`],
        helper: [`        forget${e.pascal}(id);`],
        missing: [],
        set: [`        redis.opsForValue().set(${key(e)}, ${camel(field)}, TTL);`],
        'delete-first': [],
      }[style],
      '    }',
    ],
    invalidator: (e) => [`    private void forget${e.pascal}(long id) {`, `        redis.delete(${key(e)});`, `        redis.delete("${e.snake}_list:" + id);`, '    }'],
    remove: (e) => [
      `    public void delete${e.pascal}(long id) {`,
      `        jdbc.update("DELETE FROM ${e.table} WHERE id = ?", id);`,
      `        redis.delete(${key(e)});`,
      '    }',
    ],
    warm: (e, jitter) => [
      `    public void warm${pascal(e.table)}() {`,
      `        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, name FROM ${e.table} WHERE hot = TRUE");`,
      '        for (Map<String, Object> row : rows) {',
      `            redis.opsForValue().set("${e.snake}_name:" + row.get("id"), String.valueOf(row.get("name")), ${jitter ? 'TTL.plusSeconds(ThreadLocalRandom.current().nextInt(30))' : 'TTL'});`,
      '        }',
      '    }',
    ],
    lock: (e, expires) => [
      `    public void rebuild${e.pascal}Index() {`,
      '        String token = UUID.randomUUID().toString();',
      `        Boolean locked = redis.opsForValue().setIfAbsent("lock:${e.snake}-index", token${expires ? ', Duration.ofMinutes(10)' : ''});`,
      '        if (!Boolean.TRUE.equals(locked)) {',
      '            return;',
      '        }',
      `        List<Long> ids = jdbc.queryForList("SELECT id FROM ${e.table} ORDER BY id", Long.class);`,
      `        redis.opsForValue().set("${e.snake}_index", ids.toString(), TTL);`,
      '    }',
    ],
    validate: (e, field, limit) => [
      `    public static List<String> validate${e.pascal}${pascal(field)}(Map<String, String> payload) {`,
      '        List<String> problems = new ArrayList<>();',
      `        String value = payload.get("${field}");`,
      '        if (value == null) {',
      `            problems.add("${field} is required");`,
      `        } else if (value.length() > ${limit}) {`,
      `            problems.add("${field} is longer than ${limit} characters");`,
      '        }',
      '        for (String name : List.of("owner_id", "created_at")) {',
      '            if (payload.containsKey(name) && payload.get(name).isEmpty()) {',
      '                problems.add(name + " must not be empty");',
      '            }',
      '        }',
      '        return problems;',
      '    }',
    ],
    summarize: (e, field, digits) => [
      `    public static double summarize${pascal(e.table)}By${pascal(field)}(List<Map<String, Double>> rows) {`,
      '        double total = 0;',
      '        for (Map<String, Double> row : rows) {',
      `            total += row.getOrDefault("${field}", 0.0);`,
      '        }',
      `        double scale = Math.pow(10, ${digits});`,
      '        return rows.isEmpty() ? 0 : Math.round(total / rows.size() * scale) / scale;',
      '    }',
    ],
    footer: () => ['}'],
  };
}

/** Share of files per dialect, over the same slots in every corpus. */
const DIALECTS: readonly (readonly [Dialect, number])[] = [[python, 0.35], [typescriptDialect(true), 0.2], [typescriptDialect(false), 0.1], [goDialect(), 0.2], [javaDialect(), 0.15]];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!;
}

function dialectFor(rng: Rng, dialects: readonly (readonly [Dialect, number])[]): Dialect {
  let roll = rng.next() * dialects.reduce((sum, [, share]) => sum + share, 0);
  for (const [dialect, share] of dialects) if ((roll -= share) < 0) return dialect;
  return dialects[0]![0];
}

/** A write's style: mostly correct, now and then one of the bugs. */
function writeStyle(rng: Rng): WriteStyle {
  const roll = rng.next();
  return roll < 0.06 ? 'missing' : roll < 0.09 ? 'set' : roll < 0.11 ? 'delete-first' : roll < 0.55 ? 'helper' : 'delete';
}

/** The functions of one file for its entities, until it reaches about `lines` lines. */
function sourceFile(rng: Rng, dialect: Dialect, module: string, entities: readonly Entity[], lines: number): string {
  const out = [...dialect.header(module, entities)];
  const emit = (fn: string[]): void => {
    out.push(...fn, '');
  };
  const invalidated = new Set<Entity>();
  // Each round writes another field of every entity, so no two functions of the file share a name.
  for (let round = 0; out.length < lines && round < FIELDS.length; round++) {
    for (const e of entities) {
      const field = FIELDS[(round * 7 + e.snake.length) % FIELDS.length]!;
      if (round === 0) {
        if (rng.next() < 0.7) emit(dialect.fill(e));
        emit(dialect.remove(e));
      }
      const style = writeStyle(rng);
      if (style === 'helper' && !invalidated.has(e)) {
        invalidated.add(e);
        emit(dialect.invalidator(e));
      }
      emit(dialect.write(e, field, style));
      emit(dialect.validate(e, field, 40 + rng.nextInt(200)));
      if (round % 3 === 1) emit(dialect.summarize(e, field, 1 + rng.nextInt(3)));
      if (round === 2) emit(dialect.warm(e, rng.next() > 0.15));
      if (round === 3) emit(dialect.lock(e, rng.next() > 0.05));
      if (out.length >= lines) break;
    }
  }
  out.push(...dialect.footer());
  return `${out.join('\n')}\n`;
}

export interface Corpus {
  readonly files: readonly CorpusFile[];
  /** The path of the one large file, among `files`. */
  readonly large: string;
}

const lineCount = (text: string): number => text.split('\n').length - 1;

/**
 * About `lines` lines over files of 120 to 600 lines, in the dialects of `languages` (the ids the
 * analyzer knows), and one Python file `largeLines` long (the file the bench edits). Each file
 * has three to five of the corpus's entities, so every entity is read and written in several
 * files, in several languages.
 */
export function analyzerCorpus(lines: number, largeLines: number, seed: number, languages: ReadonlySet<string>): Corpus {
  const rng = createRng(seed);
  const dialects = DIALECTS.filter(([dialect]) => languages.has(dialect.language));
  const entities = NOUNS.flatMap((noun) => QUALIFIERS.map((qualifier) => entity(noun, qualifier)));
  // A few hundred entities in use, so each turns up in a handful of files.
  const used = Array.from({ length: Math.round(lines / 250) }, () => pick(rng, entities));
  const files: CorpusFile[] = dialects.filter(([dialect]) => dialect.common.length > 0).map(([dialect]) => ({ path: `${dialect.folder}/common/audit${dialect.extension}`, text: `${dialect.common.join('\n')}\n` }));
  const largeEntities = Array.from({ length: 40 }, (_, i) => used[(i * 7) % used.length]!);
  const large = { path: 'py/monolith/monolith_service.py', text: sourceFile(rng, python, 'monolith_service', largeEntities, largeLines) };
  files.push(large);
  let total = files.reduce((sum, file) => sum + lineCount(file.text), 0);
  for (let index = 0; total < lines; index++) {
    const dialect = dialectFor(rng, dialects);
    const domain = DOMAINS[index % DOMAINS.length]!;
    const module = `${domain}_${pick(rng, ROLES)}_${index}`;
    const count = 3 + rng.nextInt(3);
    const start = rng.nextInt(used.length);
    const mine = Array.from({ length: count }, (_, k) => used[(start + k * 11) % used.length]!);
    const text = sourceFile(rng, dialect, module, mine, Math.min(120 + rng.nextInt(480), lines - total));
    files.push({ path: `${dialect.folder}/${domain}/${module}${dialect.extension}`, text });
    total += lineCount(text);
  }
  return { files, large: large.path };
}
