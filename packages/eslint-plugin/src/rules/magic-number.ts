import { magicNumber } from '@plumbline/core/checks/magic-number';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/magic-number';

/** Test files are judged by the project's config `testFiles` when there is one. */
export default ruleFromCheck(magicNumber, { project: projectContext });
