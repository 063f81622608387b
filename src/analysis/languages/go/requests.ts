/**
 * Which Go functions a web framework runs for a request: net/http handlers, gin, echo and fiber
 * handlers by their parameters, function literals given to a router's routes, and the functions
 * routes are given by name.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { HandlerRegistration } from '../../facts';
import { rangeOf } from '../../syntax';
import { folderOf } from '../modules';

/** net/http's and the routers' registrations: `http.HandleFunc("/x", ...)`, gin's `r.POST`, echo's and fiber's `e.Get`. */
const ROUTE_METHOD_NAMES = 'Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Get|Post|Put|Patch|Delete|Head|Options|All';
const ROUTE_METHODS = new RegExp(`^(${ROUTE_METHOD_NAMES})$`);
/** Where a route may be registered, `.POST("/x"`: the text finds the few calls to read. */
const ROUTE_TEXT = new RegExp(`\\.(${ROUTE_METHOD_NAMES})\\s*\\(\\s*["\`]`, 'g');
/** A framework's request context: one parameter of this type makes a handler. */
const REQUEST_CONTEXT = /^(\*gin\.Context|echo\.Context|\*fiber\.Ctx)$/;

/** The route a function literal is registered for: `POST /x` for `r.POST("/x", func...)`, the pattern for `HandleFunc("/x", ...)`; null otherwise. */
export function routeOf(fn: Node): string | null {
  return fn.parent?.type === 'argument_list' && fn.parent.parent ? routeRegistered(fn.parent.parent) : null;
}

/** The route `call` registers: `POST /x` for `r.POST("/x", ...)`, the pattern for `HandleFunc("/x", ...)`; null for another call. */
function routeRegistered(call: Node): string | null {
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'selector_expression' ? (callee.childForFieldName('field')?.text ?? '') : '';
  const pattern = call.childForFieldName('arguments')?.namedChildren[0];
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

/** The package each import binds: its name (`h` in `h "example.com/app/handlers"`), or its path's last segment (a major version's too: `admin` for `.../admin/v2`). */
function importedPackages(root: Node): Map<string, string> {
  const packages = new Map<string, string>();
  for (const declaration of root.namedChildren) {
    if (declaration?.type !== 'import_declaration') continue;
    const specs = declaration.namedChildren.flatMap((child) => (child?.type === 'import_spec_list' ? child.namedChildren : [child]));
    for (const spec of specs) {
      const segments = spec?.type === 'import_spec' ? (spec.childForFieldName('path')?.text.slice(1, -1).split('/') ?? []) : [];
      const folder = segments.at(/^v\d+$/.test(segments.at(-1) ?? '') ? -2 : -1);
      if (folder) packages.set(spec!.childForFieldName('name')?.text ?? folder, folder);
    }
  }
  return packages;
}

/**
 * The functions routes are given by name: `Reset` for `r.GET("/x", Reset)`, a function of this
 * package (its folder), and `handlers.Reset`, a function of the imported package whose folder is
 * named `handlers`; `http.HandlerFunc(handlers.Reset)` too. A method value (`h.Reset`) is left out:
 * its type is not known here.
 */
export function registeredHandlers(root: Node, text: string, path: string): HandlerRegistration[] {
  const packages = importedPackages(root);
  return [...text.matchAll(ROUTE_TEXT)].flatMap((match) => {
    const call = root.descendantForIndex(match.index + 1)?.parent?.parent;
    const route = call?.type === 'call_expression' ? routeRegistered(call) : null;
    if (!route) return [];
    return call!.childForFieldName('arguments')!.namedChildren.slice(1).flatMap((argument): HandlerRegistration[] => {
      const handler = argument?.type === 'call_expression' && argument.childForFieldName('function')?.text === 'http.HandlerFunc' ? argument.childForFieldName('arguments')?.namedChildren[0] : argument;
      const module = handler?.type === 'identifier' ? folderOf(path) : handler?.type === 'selector_expression' ? packages.get(handler.childForFieldName('operand')?.text ?? '') : undefined;
      const name = handler?.type === 'identifier' ? handler : handler?.childForFieldName('field');
      return module !== undefined && name ? [{ name: name.text, module, route, range: rangeOf(call!) }] : [];
    });
  });
}
