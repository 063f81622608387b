/**
 * Which Java methods a web framework runs for a request: Spring MVC (and Micronaut) controller
 * mappings, JAX-RS resource methods; and the handler methods Spring's functional routes name.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { HandlerRegistration } from '../../facts';
import { descendants, rangeOf } from '../../syntax';
import { annotationName, annotations, declarationOf, enclosingType, javaFile, METHODS, methodScope, typeName, type JavaFile } from './declarations';
import { argumentsOf, stringValue } from './keys';

/** Spring's mappings, and Micronaut's `@Get`..., on the methods of a `@Controller` or `@RestController` class. */
const CONTROLLER_MAPPINGS = new Set(['RequestMapping', 'GetMapping', 'PostMapping', 'PutMapping', 'PatchMapping', 'DeleteMapping', 'Get', 'Post', 'Put', 'Patch', 'Delete']);
const CONTROLLERS = new Set(['Controller', 'RestController']);
/** JAX-RS's HTTP method annotations, which make a resource method wherever it is. */
const JAX_RS_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function handlesRequests(method: Node): boolean {
  const names = annotations(method).map(annotationName);
  if (names.some((name) => JAX_RS_METHODS.has(name))) return true;
  if (!names.some((name) => CONTROLLER_MAPPINGS.has(name))) return false;
  const owner = enclosingType(method);
  return !!owner && annotations(owner).some((annotation) => CONTROLLERS.has(annotationName(annotation)));
}

/** Spring's functional routes' request predicates and route builder methods, given the path: `GET("/x")`, `.POST("/x", handler::clear)`. */
const ROUTE_PREDICATES = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const METHOD_REFERENCE = new Set(['method_reference']);
/** A predicate with a path, `GET("/x"`: only a file with one is searched for method references. */
const PREDICATE_TEXT = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*\(\s*"\//;

/** `POST /x` for a call `POST("/x", ...)`; null for another call. */
function predicateRoute(call: Node | undefined): string | null {
  const method = call?.type === 'method_invocation' ? (call.childForFieldName('name')?.text ?? '') : '';
  const path = ROUTE_PREDICATES.has(method) ? argumentsOf(call!)[0] : undefined;
  const url = path ? stringValue(path) : null;
  return url?.startsWith('/') ? `${method} ${url}` : null;
}

/** The class `receiver::method` names a method of: `CacheHandler` itself, or the declared type of a parameter, local or field. */
function classOf(receiver: Node, file: () => JavaFile): string | null {
  if (receiver.type === 'identifier' && /^[A-Z]/.test(receiver.text)) return receiver.text;
  const variable = receiver.type === 'identifier' ? receiver.text : receiver.type === 'field_access' && receiver.childForFieldName('object')?.type === 'this' ? receiver.childForFieldName('field')?.text : undefined;
  if (!variable) return null;
  let method = receiver.parent;
  while (method && !METHODS.has(method.type)) method = method.parent;
  const type = typeName((method ? declarationOf(methodScope(method, file()), variable) : file().fields.get(variable))?.type ?? null);
  return type === 'var' ? null : type;
}

/**
 * The handler methods WebFlux's and WebMvc.fn's functional routes are given: `handler::clear` in
 * `route(POST("/x"), handler::clear)` or `.POST("/x", handler::clear)`, as a method of its class,
 * which a Java file is named after.
 */
export function registeredHandlers(root: Node, text: string): HandlerRegistration[] {
  if (!text.includes('::') || !PREDICATE_TEXT.test(text)) return [];
  let file: JavaFile | undefined;
  return descendants(root, METHOD_REFERENCE).flatMap((reference): HandlerRegistration[] => {
    const call = reference.parent?.type === 'argument_list' ? reference.parent.parent : null;
    const route = call ? (predicateRoute(call) ?? argumentsOf(call).map(predicateRoute).find((found) => found !== null)) : null;
    const [receiver, name] = [reference.namedChildren[0], reference.namedChildren.at(-1)];
    const owner = route && receiver && name?.type === 'identifier' ? classOf(receiver, () => (file ??= javaFile(root))) : null;
    return owner ? [{ name: name!.text, module: owner, member: true, route: route!, range: rangeOf(call!) }] : [];
  });
}
