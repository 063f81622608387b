/** Python syntax the modules reading its facts share: call arguments, what nests a scope, field assignments. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { ColumnBinding } from '../../facts';
import type { Columns } from '../../operations';
import { descendants } from '../../syntax';

export const ASSIGNMENT = new Set(['assignment']);
/** Definitions with a scope of their own: what is inside one is not part of the function around it. */
export const NESTED = new Set(['function_definition', 'lambda', 'class_definition']);

export interface Arguments {
  readonly positional: Node[];
  readonly keywords: Map<string, Node>;
}

export function callArguments(call: Node): Arguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!argument || argument.type === 'comment') continue;
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      const value = argument.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else positional.push(argument);
  }
  return { positional, keywords };
}

/** What a model instance's save writes: the fields assigned before `call` (`user.email = new_email`). */
export function savedFields(instance: string, call: Node, body: Node): Columns {
  const assigns = descendants(body, ASSIGNMENT, NESTED).flatMap((assignment): ColumnBinding[] => {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const field = left?.type === 'attribute' && left.childForFieldName('object')?.text === instance ? left.childForFieldName('attribute')?.text : undefined;
    return field && right && assignment.endIndex <= call.startIndex ? [{ column: field.toLowerCase(), argument: right.text }] : [];
  });
  return { assigns, filters: [], instance };
}
