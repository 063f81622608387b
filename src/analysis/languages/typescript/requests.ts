/**
 * Which JavaScript and TypeScript functions a web framework runs for a request: handlers given to
 * Express, Koa, Fastify or Hono routes, Next.js route handlers and API routes, NestJS controller methods.
 */
import type { Node } from '@vscode/tree-sitter-wasm';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use']);
/** Where a route with a URL path may be registered, `.post("/x"` or `.route("/x"`: the text finds the few places to read the syntax at. */
const ROUTE_TEXT = new RegExp(`\\.(${[...ROUTE_METHODS, 'route'].join('|')})\\s*\\(\\s*["'\`][/*]`, 'g');
/** NestJS's (and routing-controllers') method decorators, in a class decorated `@Controller()`. */
const NEST_ROUTES = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
/** What a Next.js route.ts exports for each HTTP method. */
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEXT_ROUTE_FILE = /(^|[\\/])app[\\/](.+[\\/])?route\.[cm]?[jt]sx?$/;
const NEXT_API_FILE = /(^|[\\/])pages[\\/]api[\\/]/;

/** A route registration, `app.post('/x', ...)` or `router.route('/x').post(...)`: its method, and its path as written (a string's text). */
export function registration(call: Node): { method: string; path: string } | null {
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'member_expression' ? (callee.childForFieldName('property')?.text ?? '') : '';
  if (!ROUTE_METHODS.has(method)) return null;
  const route = callee!.childForFieldName('object');
  const routed = route?.type === 'call_expression' && route.childForFieldName('function')?.childForFieldName('property')?.text === 'route' ? route : call;
  const path = routed.childForFieldName('arguments')?.namedChildren[0];
  return path?.type === 'string' ? { method, path: path.text.slice(1, -1) } : null;
}

/** A registration of a URL path, not a settings or cache `get('name', ...)`. */
const routesUrl = (call: Node): boolean => /^[/*]/.test(registration(call)?.path ?? '');

/** The handlers a file passes by name to its routes (`app.post('/x', clearCache)`, `controller.clear`), and a Next.js API route's default export. */
export function handlerNames(root: Node, text: string, path: string): Set<string> {
  const names = new Set<string>();
  const add = (node: Node | null | undefined): void => {
    const name = node?.type === 'member_expression' ? node.childForFieldName('property') : node;
    if (name?.type === 'identifier' || name?.type === 'property_identifier') names.add(name.text);
  };
  for (const match of text.matchAll(ROUTE_TEXT)) {
    // From the method's name: its member expression, that one's call, and for `.route("/x")` the call chained on it.
    const named = root.descendantForIndex(match.index + 1)?.parent?.parent;
    const call = match[1] === 'route' ? named?.parent?.parent : named;
    if (call?.type === 'call_expression' && routesUrl(call)) for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) add(argument);
  }
  if (NEXT_API_FILE.test(path)) {
    // `export default handler`, `export default withAuth(handler)`.
    for (const statement of root.namedChildren) {
      const value = statement?.type === 'export_statement' ? statement.childForFieldName('value') : null;
      if (value?.type === 'call_expression') for (const argument of value.childForFieldName('arguments')?.namedChildren ?? []) add(argument);
      else add(value);
    }
  }
  return names;
}

/** How `fn` is exported, declared in an export statement directly or as a variable's value: as the default, by name, or not. */
function exportOf(fn: Node): 'default' | 'named' | null {
  const declaration = fn.parent?.type === 'variable_declarator' ? fn.parent.parent : fn;
  const statement = declaration?.parent?.type === 'export_statement' ? declaration.parent : null;
  return !statement ? null : statement.children.some((child) => child?.type === 'default') ? 'default' : 'named';
}

const decoratorName = (decorator: Node): string => {
  const expression = decorator.namedChildren[0];
  return (expression?.type === 'call_expression' ? expression.childForFieldName('function') : expression)?.text ?? '';
};

/** A NestJS route: a method with a route decorator, in a class decorated as a controller. */
function isControllerRoute(method: Node): boolean {
  const decorators: Node[] = [];
  for (let sibling = method.previousNamedSibling; sibling?.type === 'decorator'; sibling = sibling.previousNamedSibling) decorators.push(sibling);
  if (!decorators.some((decorator) => NEST_ROUTES.has(decoratorName(decorator)))) return false;
  const owner = method.parent?.parent;
  const holders = owner?.parent?.type === 'export_statement' ? [owner, owner.parent] : owner ? [owner] : [];
  return holders.some((holder) => holder.namedChildren.some((child) => child?.type === 'decorator' && /Controller$/.test(decoratorName(child))));
}

/** Whether a web framework runs `fn` for a request; `name` is its own (a method's without its class), `handlers` the file's `handlerNames`. */
export function handlesRequests(fn: Node, name: string, handlers: ReadonlySet<string>, path: string): boolean {
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : null;
  if (call && routesUrl(call)) return true;
  if (fn.type === 'method_definition' && isControllerRoute(fn)) return true;
  if (handlers.has(name)) return true;
  const exported = exportOf(fn);
  return (exported !== null && NEXT_ROUTE_FILE.test(path) && NEXT_METHODS.has(name)) || (exported === 'default' && NEXT_API_FILE.test(path));
}
