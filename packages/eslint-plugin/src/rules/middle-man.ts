import { middleMan } from '@plumbline/core/checks/middle-man';
import { ruleFromCheck } from '../create-rule.js';

export type { Options, MessageIds } from '@plumbline/core/checks/middle-man';

export default ruleFromCheck(middleMan);
