/**
 * JPA's entity callbacks: methods annotated @PostUpdate, @PostRemove and the like, on the entity
 * itself or on a listener class the entity names in @EntityListeners. The EntityManager runs them
 * when it persists, merges or removes an entity (a repository's save or delete), never for a bulk
 * JPQL or SQL statement.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DbVerb, FunctionFacts } from '../../facts';
import { entityName } from '../../sql';
import { descendants } from '../../syntax';
import { annotationArguments, annotationName, annotations, enclosingType, typeName } from './declarations';

/** The writes each callback runs on, as the Java facts name them: a save of an existing entity merges it, so it updates. */
const CALLBACK_VERBS: Readonly<Record<string, DbVerb>> = { PrePersist: 'insert', PostPersist: 'insert', PreUpdate: 'save', PostUpdate: 'save', PreRemove: 'delete', PostRemove: 'delete' };

const isEntity = (type: Node): boolean => annotations(type).some((a) => annotationName(a) === 'Entity');

/** What makes `method` a hook: on an entity, of that entity's writes; on another class, of the writes of the entities that name it as a listener. */
export function callbackHooks(method: Node): Pick<FunctionFacts, 'hookFor' | 'listenerHook'> {
  const verbs = [...new Set(annotations(method).map((a) => CALLBACK_VERBS[annotationName(a)]).filter((verb) => verb !== undefined))];
  const type = verbs.length > 0 ? enclosingType(method) : null;
  const name = type?.childForFieldName('name')?.text;
  if (!type || !name) return {};
  return isEntity(type) ? { hookFor: verbs.map((verb) => ({ entity: entityName(name), verb })) } : { listenerHook: { listener: name, verbs } };
}

/** Per entity declared in the file, the classes its @EntityListeners names: `@EntityListeners({AuditListener.class, UserCacheListener.class})`. */
export function entityListeners(root: Node): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const type of descendants(root, new Set(['class_declaration']))) {
    const name = type.childForFieldName('name')?.text;
    const listed = annotations(type).find((a) => annotationName(a) === 'EntityListeners');
    const value = listed ? annotationArguments(listed).get('value') : undefined;
    if (!name || !value || !isEntity(type)) continue;
    const classes = (value.type === 'element_value_array_initializer' ? value.namedChildren : [value]).filter((n): n is Node => n?.type === 'class_literal');
    found[entityName(name)] = classes.map((literal) => typeName(literal.namedChildren[0] ?? null) ?? '').filter(Boolean);
  }
  return found;
}
