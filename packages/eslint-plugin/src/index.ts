import type { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { VERSION } from '@plumbline/core';
import { rules } from './rules/index.js';
import { allPresetRules, recommendedRules, strictRules } from './presets.generated.js';

export { rules };
export { ESLINT_ONLY_RULES } from './eslint-only-rules.js';
export { createRule, ruleFromCheck } from './create-rule.js';
export type { PlumblineDocs, PlumblineRule } from './create-rule.js';

const FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

const plugin = {
  meta: { name: '@plumbline/eslint-plugin', version: VERSION },
  rules: rules as unknown as ESLint.Plugin['rules'],
  configs: {} as Record<'recommended' | 'strict' | 'all', Linter.Config>,
} satisfies ESLint.Plugin;

function preset(name: string, presetRules: Linter.RulesRecord): Linter.Config {
  return {
    name: `@plumbline/${name}`,
    files: FILES,
    plugins: { '@plumbline': plugin },
    languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: presetRules,
  };
}

plugin.configs.recommended = preset('recommended', recommendedRules);
plugin.configs.strict = preset('strict', strictRules);
plugin.configs.all = preset('all', allPresetRules);

export default plugin;
