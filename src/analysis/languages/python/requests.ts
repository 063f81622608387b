/**
 * Which Python functions a web framework runs for a request: Flask, Quart, FastAPI and aiohttp
 * route decorators, Django function views, and the HTTP methods of class-based views.
 */
import type { Node } from '@vscode/tree-sitter-wasm';

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
