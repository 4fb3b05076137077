import { hardCodedStyleValue } from '@plumbline/core/checks/hard-coded-style-value';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/hard-coded-style-value';

/** Design tokens come from the linted file's project (plumbline.config.json or discovery) unless settings.plumbline.tokens is given. */
export default ruleFromCheck(hardCodedStyleValue, { project: projectContext });
