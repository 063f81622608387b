/** Which Java methods a web framework runs for a request: Spring MVC (and Micronaut) controller mappings, JAX-RS resource methods. */
import type { Node } from '@vscode/tree-sitter-wasm';
import { annotationName, annotations, enclosingType } from './declarations';

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
