/**
 * Which Go functions a web framework runs for a request: net/http handlers, gin, echo and fiber
 * handlers by their parameters, and function literals given to a router's routes.
 */
import type { Node } from '@vscode/tree-sitter-wasm';

/** net/http's and the routers' registrations: `http.HandleFunc("/x", ...)`, gin's `r.POST`, echo's and fiber's `e.Get`. */
const ROUTE_METHODS = /^(Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Get|Post|Put|Patch|Delete|Head|Options|All)$/;
/** A framework's request context: one parameter of this type makes a handler. */
const REQUEST_CONTEXT = /^(\*gin\.Context|echo\.Context|\*fiber\.Ctx)$/;

/** The route a function literal is registered for: `POST /x` for `r.POST("/x", func...)`, the pattern for `HandleFunc("/x", ...)`; null otherwise. */
export function routeOf(fn: Node): string | null {
  const call = fn.parent?.type === 'argument_list' ? fn.parent.parent : null;
  const callee = call?.childForFieldName('function');
  const method = callee?.type === 'selector_expression' ? (callee.childForFieldName('field')?.text ?? '') : '';
  const pattern = call?.childForFieldName('arguments')?.namedChildren[0];
  if (!ROUTE_METHODS.test(method) || (pattern?.type !== 'interpreted_string_literal' && pattern?.type !== 'raw_string_literal')) return null;
  const path = pattern.text.slice(1, -1);
  // Go 1.22 patterns may start with the method: "POST /x".
  if (!/^([A-Z]+ +)?\//.test(path)) return null;
  return method.startsWith('Handle') ? path : `${method.toUpperCase()} ${path}`;
}

/** Whether a web framework runs `fn` for a request: it takes net/http's writer and request or a framework's context, or is a route's function literal. */
export function handlesRequests(fn: Node): boolean {
  const types = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((parameter) => parameter?.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '');
  return (types.includes('http.ResponseWriter') && types.includes('*http.Request')) || types.some((type) => REQUEST_CONTEXT.test(type)) || routeOf(fn) !== null;
}
