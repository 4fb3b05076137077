import { designSystemDeepImport } from '@plumbline/core/checks/design-system-deep-import';
import { ruleFromCheck } from '../create-rule.js';

export type { Options, MessageIds } from '@plumbline/core/checks/design-system-deep-import';

export default ruleFromCheck(designSystemDeepImport);
