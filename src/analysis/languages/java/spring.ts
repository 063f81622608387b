/**
 * Spring's declarative caching and transactions. @Cacheable, @CachePut and @CacheEvict (alone or
 * in @Caching) become cache operations on `cacheName::key`, RedisCacheManager's default key
 * prefix, acting before or after the method body; @Transactional makes the body one transaction.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CacheOp, CacheOpKind, GuardOp, KeyShape, SourceRange } from '../../facts';
import { cacheOperation, guardOperation } from '../../operations';
import { descendants, edgeOf, rangeOf } from '../../syntax';
import { annotationArguments, annotationName, annotations, CALL, enclosingType, hasModifier, isScalar, METHODS, NESTED, parameterNames, stringValues, typeName, type JavaFile, type MethodScope } from './declarations';
import { defaultSpringKey, spelKey, type SpelMethod } from './keys';

/** RedisCacheManager's default prefix: the cache's name and two colons (CacheKeyPrefix.simple()). */
export const cacheKey = (cacheName: string, key: string): string => `${cacheName}::${key}`;

/** Propagations that run the method outside any transaction, or in one only if the caller has it. */
const NOT_TRANSACTIONAL = /\b(NOT_SUPPORTED|NEVER|SUPPORTS)\b/;

/**
 * The method's body when it runs in a transaction of its own making: @Transactional on it or its
 * class. Spring's proxy never sees private methods, and some propagations start no transaction.
 */
export function transactionalBody(method: Node): Node | null {
  const body = method.childForFieldName('body');
  if (!body || hasModifier(method, 'private')) return null;
  const own = annotations(method).find((a) => annotationName(a) === 'Transactional');
  const type = enclosingType(method);
  const annotation = own ?? (type ? annotations(type).find((a) => annotationName(a) === 'Transactional') : undefined);
  return annotation && !NOT_TRANSACTIONAL.test(annotation.text) ? body : null;
}

/**
 * The calls in the afterCommit() of a TransactionSynchronization the body registers (in an
 * anonymous class): Spring runs them once the transaction has committed, so a delete there is
 * the write path's invalidation, after the commit.
 */
export function afterCommitCalls(body: Node): Node[] {
  const synchronizations = descendants(body, new Set(['object_creation_expression']), NESTED).filter((creation) => typeName(creation.childForFieldName('type')) === 'TransactionSynchronization');
  const callbacks = synchronizations.flatMap((creation) => descendants(creation, METHODS).filter((method) => method.childForFieldName('name')?.text === 'afterCommit'));
  return callbacks.flatMap((callback) => descendants(callback.childForFieldName('body') ?? callback, CALL, NESTED));
}

function spelMethod(method: Node, scope: MethodScope): SpelMethod {
  // Java lets no local take a parameter's name, so the scope's declaration of each is the parameter's.
  const parameters = parameterNames(method).map((name) => ({ name, scalar: isScalar(scope.declarations.get(name)?.type ?? null, scope.file) }));
  return { name: method.childForFieldName('name')?.text ?? '', parameters, resultScalar: isScalar(method.childForFieldName('type'), scope.file) };
}

/** The caches an annotation names, or else the class's @CacheConfig(cacheNames = ...). */
function cacheNames(annotation: Node, method: Node, file: JavaFile): string[] {
  const args = annotationArguments(annotation);
  const own = [...stringValues(args.get('value'), file.constants), ...stringValues(args.get('cacheNames'), file.constants)];
  if (own.length > 0) return own;
  const type = enclosingType(method);
  const config = type ? annotations(type).find((a) => annotationName(a) === 'CacheConfig') : undefined;
  return config ? stringValues(annotationArguments(config).get('cacheNames'), file.constants) : [];
}

/** The annotation's key: its SpEL `key`, or the default key of the parameters; unknown with a custom keyGenerator. */
function keyOf(annotation: Node, method: SpelMethod, file: JavaFile): { shape: KeyShape; text: string; node: Node } {
  const args = annotationArguments(annotation);
  const key = args.get('key');
  const spel = key ? (stringValues(key, file.constants)[0] ?? null) : null;
  if (key && spel !== null) return { shape: spelKey(spel, method), text: spel, node: key };
  if (args.has('keyGenerator') || key) return { shape: { template: null, parts: [] }, text: key?.text ?? '', node: key ?? annotation };
  return { shape: defaultSpringKey(method), text: method.parameters.length === 1 ? `#${method.parameters[0]!.name}` : '', node: annotation };
}

const isTrue = (value: Node | undefined): boolean => value?.type === 'true';

/** The annotations Spring's cache interceptor reads, @Caching's included. */
function cacheAnnotations(method: Node): Node[] {
  return annotations(method).flatMap((annotation) => {
    if (annotationName(annotation) !== 'Caching') return [annotation];
    return [...annotationArguments(annotation).values()].flatMap((group) => (group.type === 'element_value_array_initializer' ? group.namedChildren : [group])).filter((n): n is Node => n?.type === 'annotation');
  });
}

function annotationOperation(annotation: Node, kind: CacheOpKind, cacheName: string, key: { shape: KeyShape; text: string; node: Node }, effectAt: SourceRange): CacheOp {
  const range = rangeOf(annotation);
  const template = key.shape.template === null ? null : cacheKey(cacheName, key.shape.template);
  const op = cacheOperation({
    client: 'spring-cache',
    receiver: cacheName,
    method: `@${annotationName(annotation)}`,
    kind,
    keyArguments: [{ template, parts: key.shape.parts, text: key.text, range: rangeOf(key.node) }],
    // The cache manager's configuration sets the expiry, not the annotation.
    ttl: 'absent',
    ttlArgument: null,
    onlyIfAbsent: false,
    inLoop: false,
    retriedUntilSuccess: false,
    range,
    statement: range,
    // The interceptor acts around the transaction's proxy, not inside the body: see springCacheOperations.
    transaction: null,
  })!;
  return { ...op, effectAt, proxied: true };
}

/**
 * The cache operations a method's annotations make, placed where the interceptor runs them: a
 * @Cacheable's GET before the body and its SET after it, a @CachePut's SET after it, a @CacheEvict
 * after it (before it with beforeInvocation = true); allEntries deletes every `cacheName::` key.
 * A @Cacheable with sync = true loads once for concurrent misses: a single-flight guard.
 *
 * An eviction is not inside the method's @Transactional transaction here: whether it runs before
 * the commit depends on the order of the two proxies' advice and on whether the cache manager is
 * transaction-aware, both configured elsewhere, so flagging it would be a guess.
 */
export function springCacheOperations(method: Node, scope: MethodScope): (CacheOp | GuardOp)[] {
  const body = method.childForFieldName('body');
  // Spring's cache interceptor only sees public (proxied) methods with a body to run.
  if (!body || hasModifier(method, 'private')) return [];
  const spel = spelMethod(method, scope);
  const before = edgeOf(body, 'start');
  const after = edgeOf(body, 'end');
  return cacheAnnotations(method).flatMap((annotation) => {
    const name = annotationName(annotation);
    if (name !== 'Cacheable' && name !== 'CachePut' && name !== 'CacheEvict') return [];
    const args = annotationArguments(annotation);
    const key = keyOf(annotation, spel, scope.file);
    const sync = name === 'Cacheable' && isTrue(args.get('sync')) ? [guardOperation(annotation.text, annotation, 'single-flight')!] : [];
    return cacheNames(annotation, method, scope.file).flatMap((cacheName): (CacheOp | GuardOp)[] => {
      if (name === 'Cacheable') return [annotationOperation(annotation, 'get', cacheName, key, before), ...sync, annotationOperation(annotation, 'set', cacheName, key, after)];
      if (name === 'CachePut') return [annotationOperation(annotation, 'set', cacheName, key, after)];
      const evict = annotationOperation(annotation, 'delete', cacheName, key, isTrue(args.get('beforeInvocation')) ? before : after);
      return [isTrue(args.get('allEntries')) ? { ...evict, keys: [], keyPrefix: cacheKey(cacheName, '') } : evict];
    });
  });
}
