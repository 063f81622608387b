/**
 * Which JavaScript and TypeScript functions a web framework runs for a request: handlers given to
 * Express, Koa, Fastify or Hono routes, Next.js route handlers and API routes, NestJS controller
 * methods; and the handlers a file's routes are given from other modules.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { HandlerRegistration } from '../../facts';
import { rangeOf } from '../../syntax';
import { moduleOf, resolveFrom, type Imports, type ModuleFunction } from '../modules';

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

/** The file's calls registering routes with a URL path. */
function routeCalls(root: Node, text: string): Node[] {
  return [...text.matchAll(ROUTE_TEXT)].flatMap((match) => {
    // From the method's name: its member expression, that one's call, and for `.route("/x")` the call chained on it.
    const named = root.descendantForIndex(match.index + 1)?.parent?.parent;
    const call = match[1] === 'route' ? named?.parent?.parent : named;
    return call?.type === 'call_expression' && routesUrl(call) ? [call] : [];
  });
}

/** The handlers a file passes by name to its routes (`app.post('/x', clearCache)`, `controller.clear`), and a Next.js API route's default export. */
export function handlerNames(root: Node, text: string, path: string): Set<string> {
  const names = new Set<string>();
  const add = (node: Node | null | undefined): void => {
    const name = node?.type === 'member_expression' ? node.childForFieldName('property') : node;
    if (name?.type === 'identifier' || name?.type === 'property_identifier') names.add(name.text);
  };
  for (const call of routeCalls(root, text)) for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) add(argument);
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

/** A module specifier as a module path: a relative one from the file, `@/lib/x` and other aliases as the path after the alias. */
const moduleNamed = (path: string, specifier: string): string => moduleOf(specifier.startsWith('.') ? resolveFrom(path, specifier) : specifier.replace(/^[@~#]\//, ''));

function importsOf(root: Node, path: string): Imports {
  const imports: Imports = { modules: new Map(), functions: new Map() };
  const bind = (local: Node | null | undefined, module: string, name?: string): void => {
    if (!local) return;
    imports.modules.set(local.text, module);
    if (name !== undefined) imports.functions.set(local.text, { name, module });
  };
  for (const statement of root.namedChildren) {
    if (statement?.type === 'import_statement') {
      const source = statement.childForFieldName('source');
      const module = moduleNamed(path, source?.text.slice(1, -1) ?? '');
      for (const clause of statement.namedChildren.filter((child) => child?.type === 'import_clause')) {
        for (const part of clause!.namedChildren) {
          // A default export is taken to be a function of the name it is imported by.
          if (part?.type === 'identifier') bind(part, module, part.text);
          else if (part?.type === 'namespace_import') bind(part.namedChildren[0], module);
          else for (const specifier of part?.type === 'named_imports' ? part.namedChildren : []) bind(specifier?.childForFieldName('alias') ?? specifier?.childForFieldName('name'), module, specifier?.childForFieldName('name')?.text ?? '');
        }
      }
    } else if (statement?.type === 'lexical_declaration' || statement?.type === 'variable_declaration') {
      // `const handlers = require('./handlers')`, `const { reset } = require('./handlers')`.
      for (const declarator of statement.namedChildren) {
        const value = declarator?.childForFieldName('value');
        const specifier = value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'require' ? value.childForFieldName('arguments')?.namedChildren[0] : null;
        if (specifier?.type !== 'string') continue;
        const module = moduleNamed(path, specifier.text.slice(1, -1));
        const name = declarator!.childForFieldName('name');
        if (name?.type === 'identifier') bind(name, module);
        for (const property of name?.type === 'object_pattern' ? name.namedChildren : []) {
          if (property?.type === 'shorthand_property_identifier_pattern') bind(property, module, property.text);
          else if (property?.type === 'pair_pattern') bind(property.childForFieldName('value'), module, property.childForFieldName('key')?.text ?? '');
        }
      }
    }
  }
  return imports;
}

/** The handlers the file's routes are given from other modules: `reset` imported from `./handlers`, `handlers.reset` with `handlers` imported. */
export function registeredHandlers(root: Node, text: string, path: string): HandlerRegistration[] {
  const calls = routeCalls(root, text);
  const imports = calls.length > 0 ? importsOf(root, path) : null;
  return calls.flatMap((call) => {
    const { method, path: url } = registration(call)!;
    return (call.childForFieldName('arguments')?.namedChildren ?? []).flatMap((argument): HandlerRegistration[] => {
      const object = argument?.type === 'member_expression' ? argument.childForFieldName('object') : null;
      const module = object?.type === 'identifier' ? imports!.modules.get(object.text) : undefined;
      const located: ModuleFunction | undefined = argument?.type === 'identifier' ? imports!.functions.get(argument.text) : module !== undefined ? { name: argument!.childForFieldName('property')?.text ?? '', module } : undefined;
      return located ? [{ ...located, ...(module !== undefined ? { member: true as const } : {}), route: `${method.toUpperCase()} ${url}`, range: rangeOf(call) }] : [];
    });
  });
}
