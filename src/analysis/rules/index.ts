/** Every rule, by code; adding one is a new file and a line here. */
import type { Rule } from '../rule';
import { deleteBeforeWrite } from './deleteBeforeWrite';
import { fixedTtlInLoop } from './fixedTtlInLoop';
import { keysOrFlush } from './keysOrFlush';
import { lockSafety } from './lockSafety';
import { missingInvalidation } from './missingInvalidation';
import { noTtl } from './noTtl';
import { updateInsteadOfDelete } from './updateInsteadOfDelete';

export const rules: readonly Rule[] = [missingInvalidation, updateInsteadOfDelete, deleteBeforeWrite, noTtl, keysOrFlush, lockSafety, fixedTtlInLoop];
