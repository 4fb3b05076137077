import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import type { ResolvedConfig } from '@plumbline/core';
import { extractFileFacts } from '../src/analyze.js';

const TEXT = `export function retry(attempts: number) {\n  if (attempts > 17) throw new Error('too many');\n  return attempts * 2500;\n}\n`;
const magic = (config: ResolvedConfig) =>
  extractFileFacts('src/retry.ts', 'h', TEXT, config, {})
    .checkFindings.filter((f) => f.ruleId === 'magic-number')
    .map((f) => f.line);

describe('per-file checks, worked out once per config', () => {
  it('runs each check with the options of the config it is given, also when a config changes its rules', () => {
    const config: ResolvedConfig = { ...defaultConfig(), rules: { 'magic-number': 'warn' } };
    expect(magic(config)).toEqual([2, 3]);
    const allowing: ResolvedConfig = { ...defaultConfig(), rules: { 'magic-number': ['warn', { allow: [17, 2500] }] } };
    expect(magic(allowing)).toEqual([]);
    expect(magic(config)).toEqual([2, 3]);
    // the same config object with other rules: the checks follow them
    config.rules = { 'magic-number': ['warn', { allow: [17] }] };
    expect(magic(config)).toEqual([3]);
  });
});
