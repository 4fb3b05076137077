import { designSystemDeepImport } from '@plumbline/core/checks/design-system-deep-import';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/design-system-deep-import';

/** The design system comes from the linted file's project (config or inference) unless settings.plumbline.designSystem is given. */
export default ruleFromCheck(designSystemDeepImport, { project: projectContext });
