/**
 * What a Java file declares that its calls are read against: the declared type of each field,
 * parameter and local, constants and key helpers for keys, Spring Data repository interfaces
 * (their entity and @Query methods), enums and imports.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { sqlTarget, type SqlTarget } from '../../sql';
import { descendants } from '../../syntax';
import { isCode, stringValue, type KeyHelper, type KeyScope } from './keys';

export const METHODS = new Set(['method_declaration', 'constructor_declaration']);
export const CALL = new Set(['method_invocation']);
/** What a method's own operations stop at: other methods, and the bodies of local and anonymous classes. */
export const NESTED = new Set(['method_declaration', 'constructor_declaration', 'class_body', 'interface_body', 'enum_body']);

/** A name's declared type (null for an untyped lambda parameter) and the value it is declared with. */
export interface Declaration {
  readonly type: Node | null;
  readonly value: Node | null;
}

/** A Spring Data repository interface declared in the file: its entity, and its @Query methods' SQL or JPQL. */
export interface RepositoryInterface {
  readonly entity: string;
  readonly queries: ReadonlyMap<string, SqlTarget>;
}

export interface JavaFile {
  readonly fields: ReadonlyMap<string, Declaration>;
  readonly constants: ReadonlyMap<string, Node>;
  readonly helpers: ReadonlyMap<string, KeyHelper>;
  readonly repositories: ReadonlyMap<string, RepositoryInterface>;
  readonly enums: ReadonlySet<string>;
  /** Imported names, qualified: `org.springframework.cache.Cache`. */
  readonly imports: readonly string[];
}

/** The names, types and values a method sees: its parameters and locals over the file's fields. */
export interface MethodScope {
  readonly file: JavaFile;
  readonly declarations: ReadonlyMap<string, Declaration>;
  readonly keys: KeyScope;
}

/** Spring Data's repository interfaces, whose first type argument is the entity. */
export const REPOSITORY_BASES = new Set(['Repository', 'CrudRepository', 'ListCrudRepository', 'PagingAndSortingRepository', 'ListPagingAndSortingRepository', 'JpaRepository', 'MongoRepository', 'ReactiveCrudRepository', 'R2dbcRepository', 'ElasticsearchRepository']);

/** Types whose text is the key: a key made of one is its value, not an object's toString. */
const SCALAR_TYPES = new Set(['String', 'CharSequence', 'Long', 'Integer', 'Short', 'Byte', 'Double', 'Float', 'Boolean', 'Character', 'UUID', 'BigInteger', 'BigDecimal']);

/** The simple name of a type: `RedisTemplate` for `RedisTemplate<String, Object>`, `Jedis` for `redis.clients.jedis.Jedis`. */
export function typeName(type: Node | null): string | null {
  if (!type) return null;
  const base = type.type === 'generic_type' ? type.namedChildren[0] : type;
  return base?.text.split('.').at(-1) ?? null;
}

/** The type arguments' simple names: `Order`, `Long` for `JpaRepository<Order, Long>`. */
export function typeArguments(type: Node | null): string[] {
  const list = type?.type === 'generic_type' ? type.namedChildren.find((child) => child?.type === 'type_arguments') : undefined;
  return (list?.namedChildren ?? []).map((argument) => typeName(argument) ?? '').filter(Boolean);
}

/** Whether a value of `type` is its own key text (numbers, strings, UUIDs, the file's enums); an unknown type is not. */
export function isScalar(type: Node | null, file: JavaFile): boolean {
  if (!type) return false;
  if (type.type === 'integral_type' || type.type === 'floating_point_type' || type.type === 'boolean_type') return true;
  const name = typeName(type);
  return name !== null && (SCALAR_TYPES.has(name) || file.enums.has(name));
}

/** The annotations among a declaration's modifiers. */
export function annotations(declaration: Node): Node[] {
  const modifiers = declaration.namedChildren.find((child) => child?.type === 'modifiers');
  return (modifiers?.namedChildren ?? []).filter((child): child is Node => child?.type === 'annotation' || child?.type === 'marker_annotation');
}

const TYPES = new Set(['class_declaration', 'interface_declaration', 'record_declaration', 'enum_declaration']);

/** The class, interface, record or enum a declaration is in; null in an anonymous class. */
export function enclosingType(node: Node): Node | null {
  let current = node.parent;
  while (current && !TYPES.has(current.type) && current.type !== 'object_creation_expression') current = current.parent;
  return current && TYPES.has(current.type) ? current : null;
}

/** An annotation's simple name: `Cacheable` for `@org.springframework.cache.annotation.Cacheable`. */
export const annotationName = (annotation: Node): string => annotation.childForFieldName('name')?.text.split('.').at(-1) ?? '';

export function hasModifier(declaration: Node, modifier: string): boolean {
  const modifiers = declaration.namedChildren.find((child) => child?.type === 'modifiers');
  return (modifiers?.children ?? []).some((child) => child?.type === modifier);
}

/** An annotation's arguments by name; a lone value without a name is `value`. */
export function annotationArguments(annotation: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const argument of annotation.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!argument) continue;
    if (argument.type === 'element_value_pair') {
      const key = argument.childForFieldName('key')?.text;
      const value = argument.childForFieldName('value');
      if (key && value) found.set(key, value);
    } else found.set('value', argument);
  }
  return found;
}

/** The strings of an annotation value: `"orders"`, `{"orders", "customers"}`, or a constant's. */
export function stringValues(value: Node | undefined, constants: ReadonlyMap<string, Node>): string[] {
  if (!value) return [];
  if (value.type === 'element_value_array_initializer') return value.namedChildren.flatMap((element) => (element ? stringValues(element, constants) : []));
  const constant = value.type === 'identifier' || value.type === 'field_access' ? constants.get(value.text.split('.').at(-1)!) : undefined;
  const literal = stringValue(constant ?? value);
  return literal === null ? [] : [literal];
}

/** Each declarator of a field or local declaration: its name, with the declaration's type. */
function declarators(declaration: Node): [string, Declaration][] {
  const type = declaration.childForFieldName('type');
  return declaration.childrenForFieldName('declarator').flatMap((declarator) => {
    const name = declarator?.childForFieldName('name')?.text;
    return name ? [[name, { type, value: declarator!.childForFieldName('value') }] as [string, Declaration]] : [];
  });
}

/** The entity of a repository type: its first type argument when it is one of Spring Data's bases. */
function repositoryEntity(type: Node | null): string | null {
  const name = typeName(type);
  return name && REPOSITORY_BASES.has(name) ? (typeArguments(type)[0] ?? null) : null;
}

function repositoryInterfaces(root: Node, constants: ReadonlyMap<string, Node>): Map<string, RepositoryInterface> {
  const found = new Map<string, RepositoryInterface>();
  for (const declaration of descendants(root, new Set(['interface_declaration']))) {
    const name = declaration.childForFieldName('name')?.text;
    const bases = declaration.namedChildren.find((child) => child?.type === 'extends_interfaces')?.namedChildren[0]?.namedChildren ?? [];
    const entity = bases.map((base) => repositoryEntity(base)).find((e) => e !== null);
    if (!name || !entity) continue;
    const queries = new Map<string, SqlTarget>();
    for (const method of descendants(declaration, new Set(['method_declaration']))) {
      const query = annotations(method).find((a) => annotationName(a) === 'Query');
      const sql = query ? stringValues(annotationArguments(query).get('value'), constants)[0] : undefined;
      const target = sql ? sqlTarget(sql) : null;
      const methodName = method.childForFieldName('name')?.text;
      if (target && methodName) queries.set(methodName, target);
    }
    found.set(name, { entity, queries });
  }
  return found;
}

/** `String orderKey(long id) { return "order:" + id; }`: methods whose body is one return. */
function keyHelpers(root: Node): Map<string, KeyHelper> {
  const helpers = new Map<string, KeyHelper>();
  for (const method of descendants(root, new Set(['method_declaration']))) {
    const statements = method.childForFieldName('body')?.namedChildren.filter(isCode) ?? [];
    const returned = statements.length === 1 && statements[0]!.type === 'return_statement' ? statements[0]!.namedChildren[0] : null;
    const name = method.childForFieldName('name')?.text;
    if (returned && name && typeName(method.childForFieldName('type')) === 'String') helpers.set(name, { parameters: parameterNames(method), returns: returned });
  }
  return helpers;
}

export function parameterNames(method: Node): string[] {
  return parameterDeclarations(method).map(([name]) => name);
}

function parameterDeclarations(method: Node): [string, Declaration][] {
  return (method.childForFieldName('parameters')?.namedChildren ?? []).flatMap((parameter): [string, Declaration][] => {
    if (parameter?.type === 'formal_parameter') {
      const name = parameter.childForFieldName('name')?.text;
      return name ? [[name, { type: parameter.childForFieldName('type'), value: null }]] : [];
    }
    if (parameter?.type === 'spread_parameter') {
      const name = parameter.namedChildren.find((child) => child?.type === 'variable_declarator')?.childForFieldName('name')?.text;
      return name ? [[name, { type: null, value: null }]] : [];
    }
    return [];
  });
}

export function javaFile(root: Node): JavaFile {
  const fields = new Map<string, Declaration>();
  const constants = new Map<string, Node>();
  for (const field of descendants(root, new Set(['field_declaration', 'constant_declaration']))) {
    for (const [name, declaration] of declarators(field)) {
      fields.set(name, declaration);
      // Interface constants are final without saying so.
      if (declaration.value && (hasModifier(field, 'final') || field.type === 'constant_declaration')) constants.set(name, declaration.value);
    }
  }
  return {
    fields,
    constants,
    helpers: keyHelpers(root),
    repositories: repositoryInterfaces(root, constants),
    enums: new Set(descendants(root, new Set(['enum_declaration'])).map((e) => e.childForFieldName('name')?.text ?? '')),
    imports: descendants(root, new Set(['import_declaration'])).map((i) => i.namedChildren[0]?.text ?? ''),
  };
}

/** A method's parameters and locals (try resources and for-each variables too), over the file's fields. */
export function methodScope(method: Node, file: JavaFile): MethodScope {
  const declarations = new Map<string, Declaration>(parameterDeclarations(method));
  const values = new Map<string, Node>(file.constants);
  for (const node of descendants(method, new Set(['local_variable_declaration', 'resource', 'enhanced_for_statement']), NESTED)) {
    if (node.type === 'local_variable_declaration') {
      for (const [name, declaration] of declarators(node)) {
        declarations.set(name, declaration);
        if (declaration.value) values.set(name, declaration.value);
      }
      continue;
    }
    // A for-each's `value` is the collection it walks, not the variable's value.
    const name = node.childForFieldName('name')?.text;
    if (name) declarations.set(name, { type: node.childForFieldName('type'), value: node.type === 'resource' ? node.childForFieldName('value') : null });
  }
  return { file, declarations, keys: { values, constants: file.constants, helpers: file.helpers } };
}

export const declarationOf = (scope: MethodScope, name: string): Declaration | undefined => scope.declarations.get(name) ?? scope.file.fields.get(name);
