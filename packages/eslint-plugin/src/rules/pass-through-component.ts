import { passThroughComponent } from '@plumbline/core/checks/pass-through-component';
import { ruleFromCheck } from '../create-rule.js';

export type { Options, MessageIds } from '@plumbline/core/checks/pass-through-component';

export default ruleFromCheck(passThroughComponent);
