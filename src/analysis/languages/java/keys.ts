/**
 * Java key expressions (string literals and text blocks, `+`, `String.format`, `.formatted`,
 * constants, one-line key helpers) and Spring's SpEL cache keys, reduced to templates.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { KeyShape } from '../../facts';
import { binaryKeyTemplate, type KeyForms } from '../../syntax';

/** The text of a string literal or text block, escapes as written; null for anything else. */
export function stringValue(node: Node): string | null {
  return node.type === 'string_literal' ? node.namedChildren.map((child) => child?.text ?? '').join('') : null;
}

export const COMMENTS: ReadonlySet<string> = new Set(['line_comment', 'block_comment']);

/** Not a comment: the statements and arguments that count. */
export const isCode = (node: Node | null): node is Node => node !== null && !COMMENTS.has(node.type);

export function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter(isCode);
}

/** `%s`, `%d`, `%1$s` and the like become `{}`; `%%` is a percent sign. */
const placeholders = (format: string): string => format.replace(/%(?:\d+\$)?[-#+ 0,(]*\d*(?:\.\d+)?[sSdxXofeEgGcCbBhH]/g, '{}').replace(/%%/g, '%');

/** A method whose body is `return <key expression>;`: `String orderKey(long id) { return "order:" + id; }`. */
export interface KeyHelper {
  readonly parameters: readonly string[];
  readonly returns: Node;
}

/** What a key expression may refer to outside the call: the function's locals and the file's constants and helpers. */
export interface KeyScope {
  /** Locals assigned at their declaration, and the file's constants. */
  readonly values: ReadonlyMap<string, Node>;
  /** The file's `final` fields with an initializer. */
  readonly constants: ReadonlyMap<string, Node>;
  readonly helpers: ReadonlyMap<string, KeyHelper>;
}

function formatted(format: Node | undefined, args: readonly Node[]): KeyShape | null {
  const text = format ? stringValue(format) : null;
  return text === null ? null : { template: placeholders(text), parts: args.map((arg) => arg.text) };
}

/** The key a helper returns, its parts named by its parameters: its body sees its file's constants, not a caller's locals, and no further helpers. */
export const helperKey = (helper: KeyHelper, constants: ReadonlyMap<string, Node>): KeyShape => keyTemplate(helper.returns, { values: constants, constants, helpers: new Map() });

/** A helper's key with its parameters replaced by the call's arguments. */
function expandHelper(helper: KeyHelper, args: readonly Node[], scope: KeyScope): KeyShape {
  const inner = helperKey(helper, scope.constants);
  return { template: inner.template, parts: inner.parts.map((part) => args[helper.parameters.indexOf(part)]?.text ?? part) };
}

/** The value inside parentheses and casts: `(String) (PREFIX + id)` is `PREFIX + id`. */
function unwrap(node: Node): Node {
  const inner = node.type === 'cast_expression' ? node.childForFieldName('value') : node.type === 'parenthesized_expression' ? node.namedChildren[0] : null;
  return inner ? unwrap(inner) : node;
}

function keyForms(scope: KeyScope): KeyForms {
  return {
    unwrap,
    template(node) {
      const literal = stringValue(node);
      if (literal !== null) return { template: literal, parts: [] };
      // `this.PREFIX`, `Keys.PREFIX`: a constant by its field name.
      const field = node.type === 'field_access' ? node.childForFieldName('field')?.text : undefined;
      const constant = field ? scope.values.get(field) : undefined;
      if (constant) return keyTemplate(constant, scope);
      if (node.type !== 'method_invocation') return null;
      const object = node.childForFieldName('object');
      const name = node.childForFieldName('name')?.text;
      const args = argumentsOf(node);
      if (object?.text === 'String' && name === 'format') return formatted(args[0], args.slice(1));
      if (object && name === 'formatted') return formatted(object, args);
      // keyFor(id), this.keyFor(id) or, static, CacheKeys.order(id): declared in the file, or else maybe in another.
      if (!name || (object && object.type !== 'this' && !/^[A-Z]\w*$/.test(object.text))) return null;
      const helper = scope.helpers.get(name);
      if (helper) return expandHelper(helper, args, scope);
      return { template: null, parts: [node.text], helperCall: { owner: object?.type === 'identifier' ? object.text : null, name, arguments: args.map((arg) => arg.text) } };
    },
  };
}

/** A key (or SQL) expression reduced to its template. */
export function keyTemplate(node: Node, scope: KeyScope): KeyShape {
  return binaryKeyTemplate(node, scope.values, keyForms(scope));
}

/** What a SpEL key can refer to: the annotated method's name, parameters and result. */
export interface SpelMethod {
  readonly name: string;
  /** In order; `scalar` when the value's text is the key (numbers, strings, enums), not an object's toString. */
  readonly parameters: readonly { readonly name: string; readonly scalar: boolean }[];
  readonly resultScalar: boolean;
}

/** Splits `a + 'b' + #c` at the `+` outside quotes and brackets; null for an expression that ends inside one. */
function concatenationTerms(expression: string): string[] | null {
  const terms: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '+' && depth === 0) {
      terms.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  terms.push(expression.slice(start).trim());
  return quote || depth !== 0 || terms.some((term) => term === '') ? null : terms;
}

/** One term of a SpEL concatenation: literal text, a part (`order.id`), or null when it is not one of those forms. */
function spelTerm(term: string, method: SpelMethod): { literal: string } | { part: string } | { object: true } | null {
  const quoted = /^'((?:[^']|'')*)'$/.exec(term) ?? /^"([^"]*)"$/.exec(term);
  if (quoted) return { literal: quoted[1]!.replace(/''/g, "'") };
  if (/^\d+$/.test(term)) return { literal: term };
  if (/^#root\.(methodName|method\.name)$/.test(term)) return { literal: method.name };
  // #p0, #a0 and #root.args[0] are the first parameter.
  const positional = /^#(?:[pa](\d+)|root\.args\[(\d+)\])(.*)$/.exec(term);
  const variable = /^#(\w+)(.*)$/.exec(term);
  if (!positional && !variable) return null;
  const parameter = positional ? method.parameters[Number(positional[1] ?? positional[2])] : undefined;
  const name = positional ? parameter?.name : variable![1]!;
  const rest = (positional ? positional[3] : variable![2])!;
  if (!name || !/^((\??\.\w+(\(\))?)|\[\w+\])*$/.test(rest)) return null;
  const scalar = name === 'result' ? method.resultScalar : (method.parameters.find((p) => p.name === name)?.scalar ?? true);
  // A whole object is the key: its toString (or Spring's conversion of it), never an id's text.
  if (rest === '' && !scalar) return { object: true };
  return { part: name + rest };
}

/**
 * A SpEL key as a template: `'order:' + #id` is `order:{}` with the part `id`, `#order.id` is `{}`
 * with `order.id`, `#p0` the first parameter. A whole object, or a form it does not follow, has no template.
 */
export function spelKey(expression: string, method: SpelMethod): KeyShape {
  const unknown: KeyShape = { template: null, parts: [expression] };
  const terms = concatenationTerms(expression);
  if (!terms) return unknown;
  let template = '';
  const parts: string[] = [];
  for (const term of terms.map((t) => spelTerm(t, method))) {
    if (!term || 'object' in term) return unknown;
    if ('literal' in term) template += term.literal;
    else {
      template += '{}';
      parts.push(term.part);
    }
  }
  return { template, parts };
}

/** The key Spring's SimpleKeyGenerator makes when no `key` is given: the only parameter, or a SimpleKey of them all. */
export function defaultSpringKey(method: SpelMethod): KeyShape {
  const { parameters } = method;
  if (parameters.some((p) => !p.scalar)) return { template: null, parts: parameters.map((p) => p.name) };
  if (parameters.length === 1) return { template: '{}', parts: [parameters[0]!.name] };
  return { template: `SimpleKey [${parameters.map(() => '{}').join(',')}]`, parts: parameters.map((p) => p.name) };
}

/** A template and its parts as a SpEL key: `{}` with `id` is `#id`, `order:{}` is `'order:' + #id`. */
export function renderSpel(template: string, parts: readonly string[]): string {
  const pieces = template.split('{}');
  const terms = pieces.flatMap((literal, index) => [...(literal ? [`'${literal.replace(/'/g, "''")}'`] : []), ...(index < parts.length ? [`#${parts[index]}`] : [])]);
  return terms.join(' + ') || "''";
}
