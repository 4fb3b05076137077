import { passThroughFunction } from '@plumbline/core/checks/pass-through-function';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/pass-through-function';

/** Project settings (workspace packages, tsconfig paths) tell project imports from npm packages. */
export default ruleFromCheck(passThroughFunction, { project: projectContext });
