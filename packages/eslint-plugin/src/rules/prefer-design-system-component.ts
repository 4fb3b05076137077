import { preferDesignSystemComponent } from '@plumbline/core/checks/prefer-design-system-component';
import { ruleFromCheck } from '../create-rule.js';
import { projectContext } from '../project-settings.js';

export type { Options, MessageIds } from '@plumbline/core/checks/prefer-design-system-component';

/** The design system comes from the linted file's project (config or inference) unless settings.plumbline.designSystem is given. */
export default ruleFromCheck(preferDesignSystemComponent, { project: projectContext });
