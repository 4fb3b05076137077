import { passThroughComponent } from '@plumbline/core/checks/pass-through-component';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/pass-through-component';

/** Project settings (workspace packages, tsconfig paths) tell project imports from npm packages. */
export default ruleFromCheck(passThroughComponent, { project: projectContext });
