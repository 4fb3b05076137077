import { preferDesignSystemComponent } from '@plumbline/core/checks/prefer-design-system-component';
import { ruleFromCheck } from '../create-rule.js';

export type { Options, MessageIds } from '@plumbline/core/checks/prefer-design-system-component';

export default ruleFromCheck(preferDesignSystemComponent);
