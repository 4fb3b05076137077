import type { RuleMeta } from '@plumbline/core';

/**
 * Metadata of the rules that exist only in the editor (they are not core checks and not analyzer
 * detectors), so the rule catalog, the presets and the docs know them too.
 */
export const ESLINT_ONLY_RULES: readonly RuleMeta[] = [];
