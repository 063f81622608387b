/**
 * How Java fixes are written: keys as string concatenation, each client's delete, RedisTemplate's
 * Duration and Jedis's and Lettuce's SET options for an expiry, and @CacheEvict for a cache that
 * @Cacheable fills; with the imports they need.
 */
import { appendArgument, expiryEdits, insertAt, numericTtl, type SourceEdit } from '../../edits';
import { isCacheOp, type CacheOp } from '../../facts';
import { entityName } from '../../sql';
import type { LanguageSupport } from '../language';
import { renderSpel } from './keys';

/** An import of `qualified` after the file's last import (or its package), unless it is imported already. */
function importEdits(text: string, qualified: string): SourceEdit[] {
  const packageName = qualified.slice(0, qualified.lastIndexOf('.'));
  if (new RegExp(`^import\\s+(${qualified.replace(/\./g, '\\.')}|${packageName.replace(/\./g, '\\.')}\\.\\*)\\s*;`, 'm').test(text)) return [];
  const imports = [...text.matchAll(/^import\s[^;]+;/gm)].at(-1);
  if (imports) return [insertAt(text, imports.index + imports[0].length, `\nimport ${qualified};`)];
  const packageClause = /^package\s[^;]+;/m.exec(text);
  return [packageClause ? insertAt(text, packageClause.index + packageClause[0].length, `\n\nimport ${qualified};`) : insertAt(text, 0, `import ${qualified};\n\n`)];
}

/** Classes a fix's expressions use, by what they are written as. */
const CLASSES: Readonly<Record<string, string>> = {
  Duration: 'java.time.Duration',
  ThreadLocalRandom: 'java.util.concurrent.ThreadLocalRandom',
  SetParams: 'redis.clients.jedis.params.SetParams',
  SetArgs: 'io.lettuce.core.SetArgs',
};

/** The imports of the classes `expression` uses, but `except`. */
const importsFor = (expression: string, text: string, except: readonly string[] = []): SourceEdit[] =>
  Object.entries(CLASSES).flatMap(([name, qualified]) => (expression.includes(`${name}.`) && !except.includes(name) ? importEdits(text, qualified) : []));

const UNIT_SECONDS: Readonly<Record<string, number>> = { Seconds: 1, Minutes: 60, Hours: 3600, Days: 86400 };

/** `Duration.ofMinutes(5)` and the like, in seconds; null for anything else. */
function durationSeconds(ttl: string): number | null {
  const match = /^Duration\.of(Seconds|Minutes|Hours|Days)\((\d+)L?\)$/.exec(ttl);
  return match ? Number(match[2]) * UNIT_SECONDS[match[1]!]! : null;
}

function durationOf(seconds: number): string {
  if (seconds % 3600 === 0) return `Duration.ofHours(${seconds / 3600})`;
  return seconds % 60 === 0 ? `Duration.ofMinutes(${seconds / 60})` : `Duration.ofSeconds(${seconds})`;
}

const parenthesized = (expression: string): string => (/^[\w.]+$/.test(expression) ? expression : `(${expression})`);

/** `@CacheEvict` of a SpEL key in a named cache: with an empty key, the method's default key; with null, every entry. */
function evictAnnotation(cacheName: string, spel: string | null): string {
  const name = JSON.stringify(cacheName);
  if (spel === null) return `@CacheEvict(value = ${name}, allEntries = true)`;
  return spel ? `@CacheEvict(value = ${name}, key = ${JSON.stringify(spel)})` : `@CacheEvict(${name})`;
}

/**
 * The RedisTemplate behind a RedisTemplate operation, which deletes: `redis` of
 * `redis.opsForValue()`; a ValueOperations variable's getOperations(), as it cannot delete.
 */
function redisOperations(like: CacheOp): string {
  if (like.receiver.endsWith('.opsForValue()')) return like.receiver.slice(0, -'.opsForValue()'.length);
  return like.kind === 'get' || like.kind === 'set' || like.kind === 'increment' ? `${like.receiver}.getOperations()` : like.receiver;
}

const isEviction = (op: CacheOp): boolean => op.client === 'spring-cache' && op.method === '@CacheEvict';

/** The LanguageSupport members that write Java. */
export const javaFixes: Pick<LanguageSupport, 'renderKey' | 'renderDelete' | 'renderStatement' | 'ttlExpression' | 'jitter' | 'expiryEdits' | 'evictionAnnotationEdits'> = {
  renderKey(template, parts) {
    if (parts.length === 0) return JSON.stringify(template);
    const terms = template.split('{}').flatMap((literal, index) => [...(literal ? [JSON.stringify(literal)] : []), ...(index < parts.length ? [parts[index]!] : [])]);
    // `+` only concatenates from its first string on: a key that starts with a value starts as one.
    if (!terms[0]!.startsWith('"')) terms[0] = `String.valueOf(${terms[0]})`;
    return terms.join(' + ');
  },
  renderDelete(like, key) {
    switch (like.client) {
      case 'spring-cache':
        return like.method.startsWith('@') ? evictAnnotation(like.receiver, key) : `${like.receiver}.evict(${key})`;
      case 'redis-template':
        return `${redisOperations(like)}.delete(${key})`;
      case 'jedis':
      case 'lettuce':
        return `${like.receiver}.del(${key})`;
      case 'caffeine':
        return `${like.receiver}.invalidate(${key})`;
      default:
        return `${like.receiver}.delete(${key})`;
    }
  },
  renderStatement: (_like, call) => `${call};`,
  // RedisTemplate takes a Duration; Jedis's and Lettuce's ex(...) take seconds.
  ttlExpression: (like, seconds) => (like.client === 'redis-template' ? durationOf(seconds) : String(seconds)),
  jitter(ttl, text) {
    const seconds = durationSeconds(ttl);
    const isDuration = seconds !== null || new RegExp(`\\bDuration\\s+${ttl.replace(/\W/g, '\\$&')}\\b`).test(text);
    const number = numericTtl(ttl);
    const expression = isDuration
      ? `${ttl}.plusSeconds(ThreadLocalRandom.current().nextLong(${seconds !== null ? Math.max(1, Math.round(seconds / 10)) : `${ttl}.toSeconds() / 10 + 1`}))`
      : `${ttl} + ThreadLocalRandom.current().nextLong(${number !== null ? Math.max(1, Math.round(number / 10)) : `${parenthesized(ttl)} / 10 + 1`})`;
    // The TTL it was given is imported already, or by the edit that writes it.
    return { expression, edits: importsFor(expression, text, Object.keys(CLASSES).filter((name) => name !== 'ThreadLocalRandom')) };
  },
  expiryEdits(op, ttl, text) {
    const edits = expiryEdits(op, ttl, text, (setnx) => {
      if (op.client === 'redis-template') return /^(set|setIfAbsent|setIfPresent)$/.test(op.method) ? appendArgument(op.range, text, ttl) : null;
      if (op.client !== 'jedis' && op.client !== 'lettuce') return null;
      // Options without an expiry (SetParams.setParams().nx()) take one; otherwise they are added.
      const options = /SetParams\.setParams\(\)|new SetParams\(\)|SetArgs\.Builder|new SetArgs\(\)/.exec(text.slice(op.range.start, op.range.end));
      if (options) return insertAt(text, op.range.start + options.index + options[0].length, `.ex(${ttl})`);
      return appendArgument(op.range, text, `${op.client === 'jedis' ? 'SetParams.setParams()' : 'SetArgs.Builder'}${setnx ? '.nx()' : ''}.ex(${ttl})`);
    });
    // A jittered TTL's ThreadLocalRandom is imported by the jitter.
    return edits ? [...edits, ...importsFor(edits.map((edit) => edit.newText).join(' '), text, ['ThreadLocalRandom'])] : null;
  },
  evictionAnnotationEdits(fill, parts, writer, write, text) {
    const separator = fill.template.indexOf('::');
    if (fill.set.client !== 'spring-cache' || separator < 0) return null;
    const cacheName = fill.template.slice(0, separator);
    // The fill's key in the writer's parameters: `id` itself, or the written entity's `order.id`.
    const entityParameter = write.instance !== null && writer.parameters.includes(write.instance) ? write.instance : writer.parameters.find((parameter) => entityName(parameter) === write.entity);
    const spelParts = parts.map((part) => (writer.parameters.includes(part.split(/[.?[]/)[0]!) || !entityParameter ? part : `${entityParameter}.${part}`));
    // A SimpleKey (the default key of no parameters, or of several) is not written in SpEL, and a bulk write has no key to name: evict every entry.
    const key = fill.template.slice(separator + 2);
    const named = spelParts.every((part) => writer.parameters.includes(part.split(/[.?[]/)[0]!));
    const annotation = evictAnnotation(cacheName, key.startsWith('SimpleKey [') || !named ? null : renderSpel(key, spelParts));
    const imports = (...names: string[]): SourceEdit[] => names.flatMap((name) => importEdits(text, `org.springframework.cache.annotation.${name}`));
    const evictions = writer.operations.filter(isCacheOp).filter(isEviction);
    // An eviction from the same cache with a key that never matches is replaced.
    const sameCache = evictions.find((op) => op.receiver === cacheName);
    if (sameCache) return [{ range: sameCache.range, newText: annotation }, ...imports('CacheEvict')];
    const lineStart = text.lastIndexOf('\n', writer.range.start - 1) + 1;
    const other = evictions[0];
    if (!other) return [insertAt(text, writer.range.start, `${annotation}\n${text.slice(lineStart, writer.range.start)}`), ...imports('CacheEvict')];
    // @CacheEvict is not repeatable: a second one joins the first in @Caching, or in the @Caching it is in.
    if (/[{,]$/.test(text.slice(0, other.range.start).trimEnd())) return [insertAt(text, other.range.end, `, ${annotation}`), ...imports('CacheEvict')];
    return [{ range: other.range, newText: `@Caching(evict = { ${text.slice(other.range.start, other.range.end)}, ${annotation} })` }, ...imports('CacheEvict', 'Caching')];
  },
};
