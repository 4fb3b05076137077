import { middleMan } from '@plumbline/core/checks/middle-man';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/middle-man';

/** Project settings (workspace packages, tsconfig paths) tell project imports from npm packages. */
export default ruleFromCheck(middleMan, { project: projectContext });
