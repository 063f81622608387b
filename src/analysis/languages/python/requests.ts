/**
 * Which Python functions a web framework runs for a request: Flask, Quart, FastAPI and aiohttp
 * route decorators, Django function views, and the HTTP methods of class-based views; and the
 * functions a urls.py or Flask's `add_url_rule` registers by name.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { HandlerRegistration } from '../../facts';
import { descendants, rangeOf } from '../../syntax';
import { joinModule, moduleOf, resolveFrom, type Imports, type ModuleFunction } from '../modules';
import { callArguments } from './syntax';

/** `@app.route("/x")`, `@bp.post(...)`, `@router.get(...)`, aiohttp's `@routes.get(...)`: a method of the app, router or route table. */
const ROUTE_DECORATORS = new Set(['route', 'api_route', 'websocket', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** Decorators only views take: REST framework's, Django's method and login checks. */
const VIEW_DECORATORS = new Set(['api_view', 'require_http_methods', 'require_GET', 'require_POST', 'require_safe', 'login_required', 'permission_required', 'staff_member_required', 'csrf_exempt']);
/** Django's View and generic views, REST framework's APIView and ViewSets, Flask's MethodView, Tornado's RequestHandler, Starlette's HTTPEndpoint. */
const VIEW_BASE = /(View|ViewSet|RequestHandler|HTTPEndpoint)$/;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** A ViewSet's actions besides the HTTP methods; its `@action` methods are routed too. */
const VIEWSET_ACTIONS = new Set(['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy']);
/** Django's views module, or a module of its views package. */
const VIEWS_MODULE = /(^|[\\/])views([\\/][^\\/]+)?\.py$/;

const lastName = (node: Node | null | undefined): string => node?.text.split('.').at(-1) ?? '';

/** The decorator expressions of `fn`: `app.route("/x")`, `login_required`. */
function decoratorsOf(fn: Node): Node[] {
  if (fn.parent?.type !== 'decorated_definition') return [];
  return fn.parent.namedChildren.flatMap((child) => (child?.type === 'decorator' && child.namedChildren[0] ? [child.namedChildren[0]] : []));
}

/** A decorator's own name, called or not: `login_required`, `action` for `@action(detail=True)`. */
const decoratorName = (decorator: Node): string => lastName(decorator.type === 'call' ? decorator.childForFieldName('function') : decorator);

/** A route decorator: a route method called on an object with the path, which starts with `/`. */
function isRoute(decorator: Node): boolean {
  const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : null;
  if (callee?.type !== 'attribute' || !ROUTE_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '')) return false;
  const path = decorator.childForFieldName('arguments')?.namedChildren[0];
  return path?.type === 'string' && /^[rbuf]*["']{1,3}(\/|["'])/i.test(path.text);
}

/** What holds `fn`'s definition: the module, or a class's or function's block. */
const holder = (fn: Node): Node | null => (fn.parent?.type === 'decorated_definition' ? fn.parent : fn).parent;

/** Whether a web framework runs `fn` for a request; `parameters` are its own, without `self`. */
export function handlesRequests(fn: Node, parameters: readonly string[], path: string): boolean {
  const decorators = decoratorsOf(fn);
  if (decorators.some((decorator) => isRoute(decorator) || VIEW_DECORATORS.has(decoratorName(decorator)))) return true;
  const container = holder(fn);
  if (container?.type === 'module') return VIEWS_MODULE.test(path) && parameters[0] === 'request';
  const owner = container?.parent?.type === 'class_definition' ? container.parent : null;
  if (!owner) return false;
  const name = fn.childForFieldName('name')?.text ?? '';
  const bases = (owner.childForFieldName('superclasses')?.namedChildren ?? []).filter((base) => base?.type === 'identifier' || base?.type === 'attribute').map(lastName);
  if (!bases.some((base) => VIEW_BASE.test(base))) return false;
  const viewSet = bases.some((base) => base.endsWith('ViewSet'));
  return HTTP_METHODS.has(name) || (viewSet && (VIEWSET_ACTIONS.has(name) || decorators.some((decorator) => decoratorName(decorator) === 'action')));
}

/** Django's URL patterns: `path("x/", view)`, `re_path(...)`, the older `url(...)`. */
const URL_PATTERNS = new Set(['path', 're_path', 'url']);
const CALL = new Set(['call']);

const modulePath = (dotted: string): string => dotted.split('.').join('/');

function importsOf(root: Node, path: string): Imports {
  const imports: Imports = { modules: new Map(), functions: new Map() };
  for (const statement of root.namedChildren) {
    const names = statement?.childrenForFieldName('name') ?? [];
    if (statement?.type === 'import_statement') {
      // `import shop.views` binds `shop`; `import shop.views as sv` binds `sv` to the whole path.
      for (const name of names) {
        if (name?.type === 'aliased_import') imports.modules.set(name.childForFieldName('alias')?.text ?? '', modulePath(name.childForFieldName('name')?.text ?? ''));
        else if (name) imports.modules.set(name.text.split('.')[0]!, name.text.split('.')[0]!);
      }
    } else if (statement?.type === 'import_from_statement') {
      const from = statement.childForFieldName('module_name');
      // `from ..shop import views`: one dot is this module's package, each more one package up.
      const dots = from?.type === 'relative_import' ? (from.namedChildren.find((child) => child?.type === 'import_prefix')?.text.length ?? 0) : 0;
      const dotted = modulePath((from?.type === 'relative_import' ? from.namedChildren.find((child) => child?.type === 'dotted_name') : from)?.text ?? '');
      const base = dots === 0 ? dotted : resolveFrom(path, ['.', ...Array<string>(dots - 1).fill('..'), dotted].join('/'));
      for (const name of names) {
        const imported = (name?.type === 'aliased_import' ? name.childForFieldName('name') : name)?.text ?? '';
        const local = name?.type === 'aliased_import' ? (name.childForFieldName('alias')?.text ?? '') : imported;
        // A submodule (`from shop import views`) or a function (`from shop.views import reset_cache`).
        imports.modules.set(local, joinModule(base, imported));
        imports.functions.set(local, { name: imported, module: base });
      }
    }
  }
  return imports;
}

/**
 * The function a view argument names, and its module: `views.reset_cache`, `reset_cache`
 * imported or defined in the module, `csrf_exempt(views.reset_cache)`; null for a class's
 * `as_view()`, an `include(...)`, or a name the module does not import.
 */
function viewOf(node: Node | undefined, imports: Imports, own: ReadonlySet<string>, path: string): ModuleFunction | null {
  if (node?.type === 'call') {
    const wrapped = callArguments(node).positional;
    return wrapped.length === 1 ? viewOf(wrapped[0], imports, own, path) : null;
  }
  if (node?.type === 'identifier') return imports.functions.get(node.text) ?? (own.has(node.text) ? { name: node.text, module: moduleOf(path) } : null);
  if (node?.type !== 'attribute' || !/^[\w.]+$/.test(node.text)) return null;
  const [first, ...rest] = node.text.split('.');
  const module = imports.modules.get(first!);
  return module === undefined ? null : { name: rest.at(-1)!, module: joinModule(module, ...rest.slice(0, -1)) };
}

/** The views a urls.py maps its URL patterns to, and the view functions of Flask's `add_url_rule("/x", view_func=...)`. */
export function registeredHandlers(root: Node, text: string, path: string): HandlerRegistration[] {
  const urlPatterns = /\burlpatterns\b/.test(text);
  if (!urlPatterns && !text.includes('add_url_rule')) return [];
  const imports = importsOf(root, path);
  const own = new Set(root.namedChildren.flatMap((statement) => {
    const fn = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    return fn?.type === 'function_definition' ? [fn.childForFieldName('name')?.text ?? ''] : [];
  }));
  return descendants(root, CALL).flatMap((call): HandlerRegistration[] => {
    const callee = call.childForFieldName('function');
    const { positional, keywords } = callArguments(call);
    const [route, view] =
      urlPatterns && callee?.type === 'identifier' && URL_PATTERNS.has(callee.text) ? [keywords.get('route') ?? positional[0], keywords.get('view') ?? positional[1]]
      : callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'add_url_rule' ? [keywords.get('rule') ?? positional[0], keywords.get('view_func') ?? positional[2]]
      : [];
    const located = route?.type === 'string' ? viewOf(view, imports, own, path) : null;
    return located ? [{ ...located, route: route!.text, range: rangeOf(call) }] : [];
  });
}
