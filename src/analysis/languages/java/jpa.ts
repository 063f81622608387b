/**
 * JPA's entity callbacks: methods annotated @PostUpdate, @PostRemove and the like, on the entity
 * itself or on a listener class the entity names in @EntityListeners, and those an entity inherits
 * from the entities and mapped superclasses it extends. The EntityManager runs them when it
 * persists, merges or removes an entity (a repository's save or delete), never for a bulk JPQL or
 * SQL statement.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DbVerb, EntityListeners, FunctionFacts } from '../../facts';
import { entityName } from '../../sql';
import { descendants } from '../../syntax';
import { annotationArguments, annotationName, annotations, enclosingType, typeName } from './declarations';

/** The writes each callback runs on, as the Java facts name them: a save of an existing entity merges it, so it updates. */
const CALLBACK_VERBS: Readonly<Record<string, DbVerb>> = { PrePersist: 'insert', PostPersist: 'insert', PreUpdate: 'save', PostUpdate: 'save', PreRemove: 'delete', PostRemove: 'delete' };

const annotated = (type: Node, name: string): Node | undefined => annotations(type).find((a) => annotationName(a) === name);

/** An entity, or a mapped superclass, whose callbacks and listeners the entities extending it inherit. */
const isPersistent = (type: Node): boolean => annotated(type, 'Entity') !== undefined || annotated(type, 'MappedSuperclass') !== undefined;

/** What makes `method` a hook: on an entity or mapped superclass, of its writes (and its subclasses'); on another class, of the writes of the entities that name it as a listener. */
export function callbackHooks(method: Node): Pick<FunctionFacts, 'hookFor' | 'listenerHook'> {
  const verbs = [...new Set(annotations(method).map((a) => CALLBACK_VERBS[annotationName(a)]).filter((verb) => verb !== undefined))];
  const type = verbs.length > 0 ? enclosingType(method) : null;
  const name = type?.childForFieldName('name')?.text;
  if (!type || !name) return {};
  return isPersistent(type) ? { hookFor: verbs.map((verb) => ({ entity: entityName(name), verb })) } : { listenerHook: { listener: name, verbs } };
}

/** The classes an @EntityListeners names: `@EntityListeners({AuditListener.class, UserCacheListener.class})`. */
function listenerClasses(listed: Node | undefined): string[] {
  const value = listed ? annotationArguments(listed).get('value') : undefined;
  const classes = !value ? [] : (value.type === 'element_value_array_initializer' ? value.namedChildren : [value]).filter((n): n is Node => n?.type === 'class_literal');
  return classes.map((literal) => typeName(literal.namedChildren[0] ?? null) ?? '').filter(Boolean);
}

/** Per entity and mapped superclass declared in the file, its listener classes and its superclass, when it has either. */
export function entityListeners(root: Node): Record<string, EntityListeners> {
  const found: Record<string, EntityListeners> = {};
  for (const type of descendants(root, new Set(['class_declaration']))) {
    const name = type.childForFieldName('name')?.text;
    if (!name || !isPersistent(type)) continue;
    const listeners = listenerClasses(annotated(type, 'EntityListeners'));
    const superclass = typeName(type.childForFieldName('superclass')?.namedChildren[0] ?? null);
    if (listeners.length === 0 && !superclass) continue;
    const excludes = annotated(type, 'ExcludeSuperclassListeners') !== undefined;
    found[entityName(name)] = { listeners, ...(superclass ? { superclass: entityName(superclass) } : {}), ...(excludes ? { excludesSuperclassListeners: true } : {}) };
  }
  return found;
}
