/** Every rule, by code; adding one is a new file and a line here. */
import type { Rule } from '../rule';
import { deleteBeforeWrite } from './deleteBeforeWrite';
import { fixedTtlInLoop } from './fixedTtlInLoop';
import { hotKeyWithoutStampedeProtection } from './hotKeyWithoutStampedeProtection';
import { invalidationKeyedOnChangedField } from './invalidationKeyedOnChangedField';
import { keysOrFlush } from './keysOrFlush';
import { lockSafety } from './lockSafety';
import { missingInvalidation } from './missingInvalidation';
import { noTtl } from './noTtl';
import { readModifyWrite } from './readModifyWrite';
import { updateInsteadOfDelete } from './updateInsteadOfDelete';

export const rules: readonly Rule[] = [missingInvalidation, updateInsteadOfDelete, invalidationKeyedOnChangedField, deleteBeforeWrite, noTtl, keysOrFlush, lockSafety, readModifyWrite, fixedTtlInLoop, hotKeyWithoutStampedeProtection];
