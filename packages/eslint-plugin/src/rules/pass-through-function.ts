import { passThroughFunction } from '@plumbline/core/checks/pass-through-function';
import { ruleFromCheck } from '../create-rule.js';

export type { Options, MessageIds } from '@plumbline/core/checks/pass-through-function';

export default ruleFromCheck(passThroughFunction);
