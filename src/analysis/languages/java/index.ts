/**
 * Java: Jedis, Lettuce, Spring's RedisTemplate, Caffeine and Spring's cache annotations; Spring
 * Data repositories, EntityManager, JdbcTemplate and JDBC; @Transactional methods. Receivers are
 * known by their declared types (fields, parameters, locals) or else by their names.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { happensAt, isCacheOp, type FunctionFacts, type GuardOp } from '../../facts';
import { dbOperation, guardOperation, sqlParameters } from '../../operations';
import { descendants, edgeOf, functionFacts, lineIndent, rangeOf } from '../../syntax';
import type { LanguageSupport } from '../language';
import { callOperations } from './calls';
import { CALL, enclosingType, hasModifier, javaFile, methodScope, METHODS, NESTED, parameterNames, type JavaFile } from './declarations';
import { javaFixes } from './fixes';
import { callbackHooks, entityListeners } from './jpa';
import { argumentsOf, COMMENTS, helperKey, isCode } from './keys';
import { handlesRequests, registeredHandlers } from './requests';
import { afterCommitCalls, springCacheOperations, transactionalBody } from './spring';

function functionName(method: Node): string {
  const name = method.childForFieldName('name')?.text ?? '<method>';
  const owner = enclosingType(method)?.childForFieldName('name')?.text;
  return owner ? `${owner}.${name}` : name;
}

/** Everything a method's facts read outside its class: the file's declarations, as text. */
function contextKey(file: JavaFile): string {
  const text = (node: Node | null): string | null => node?.text ?? null;
  return JSON.stringify([
    [...file.fields].map(([name, { type, value }]) => [name, text(type), text(value)]),
    [...file.helpers].map(([name, helper]) => [name, helper.parameters, helper.returns.text]),
    [...file.repositories].map(([name, repository]) => [name, repository.entity, [...repository.queries]]),
    [...file.enums],
    file.imports,
  ]);
}

/** What calls of `method` in other files take from its declaration: the key a key helper returns, a repository method's @Query. */
function declaredForCalls(method: Node, file: JavaFile): Pick<FunctionFacts, 'returnsKey' | 'query'> {
  const name = method.childForFieldName('name')?.text ?? '';
  const helper = file.helpers.get(name);
  if (helper && method.startIndex <= helper.returns.startIndex && helper.returns.endIndex <= method.endIndex) {
    const key = helperKey(helper, file.constants);
    return key.template === null ? {} : { returnsKey: key };
  }
  const type = enclosingType(method);
  const target = type ? file.repositories.get(type.childForFieldName('name')?.text ?? '')?.queries.get(name) : undefined;
  return target ? { query: dbOperation(target.verb, target.table, { range: rangeOf(method), statement: rangeOf(method), transaction: null }) } : {};
}

/** `synchronized` methods and blocks hold a lock over what they run. */
function synchronizedGuards(method: Node, body: Node | null): GuardOp[] {
  const blocks = body ? descendants(body, new Set(['synchronized_statement']), NESTED) : [];
  return [...(hasModifier(method, 'synchronized') ? [method] : []), ...blocks].map((node) => guardOperation('synchronized', node, 'lock')!);
}

export const java: LanguageSupport = {
  id: 'java',
  extensions: ['.java'],
  editorLanguages: ['java'],
  lineComment: '//',
  grammarFor: () => 'tree-sitter-java.wasm',
  commentTypes: [...COMMENTS],
  registeredHandlers,
  extractFunctions(root, text, reuse, wrappers) {
    const file = javaFile(root);
    return reuse.functions(root, text, contextKey(file), descendants(root, METHODS), (method) => {
      const scope = methodScope(method, file);
      const body = method.childForFieldName('body');
      const transaction = transactionalBody(method);
      const invocations = body ? descendants(body, CALL, NESTED) : [];
      const calls = body ? invocations.flatMap((call) => callOperations(call, { scope, body, transaction, wrappers })) : [];
      // An afterCommit() callback's cache operations happen once the method's transaction commits.
      const afterCommit = body ? afterCommitCalls(body).flatMap((call) => callOperations(call, { scope, body, transaction: null, wrappers })).filter(isCacheOp).map((op) => ({ ...op, effectAt: edgeOf(body, 'end') })) : [];
      const operations = [...springCacheOperations(method, scope), ...calls, ...afterCommit, ...synchronizedGuards(method, body)].sort((a, b) => happensAt(a) - happensAt(b));
      const statements = (body?.namedChildren ?? []).filter(isCode);
      const indent = statements[0] ? lineIndent(text, statements[0]) : `${lineIndent(text, method)}    `;
      const parameters = parameterNames(method);
      const runsSql = sqlParameters(parameters, invocations, (call) => (call.childForFieldName('object') ? call.childForFieldName('name')?.text : undefined), (call) => argumentsOf(call)[0]?.text);
      return { ...functionFacts(method, { name: functionName(method), parameters, indent, ...(runsSql.length > 0 ? { sqlParameters: runsSql } : {}), handlesRequests: handlesRequests(method) }, statements, operations), ...callbackHooks(method), ...declaredForCalls(method, file) };
    });
  },
  entityListeners,
  ...javaFixes,
};
