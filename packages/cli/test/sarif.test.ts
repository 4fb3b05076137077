// SARIF output, validated against the SARIF 2.1.0 JSON schema that Microsoft's SARIF SDK ships
// (sarif-2.1.0-rtm.5.json, the schema of the OASIS 2.1.0 standard; JSON Schema draft-04).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { CATEGORIES, docsUrl } from '@plumbline/core';
import type { Finding, RuleMeta, ScanResult } from '@plumbline/core';
import type { CheckOutcome } from '../src/check.js';
import { baselineFromFindings, baselineOccurrences } from '../src/baseline.js';
import { FINGERPRINT_KEY, formatSarif } from '../src/formatters/check/sarif.js';
import { evaluateGate, matchFindings, occurrencesOf, defaultThresholds } from '../src/gate.js';

type Validator = ((d: unknown) => boolean) & { errors?: unknown };
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: unknown }).default ?? AjvDraft04Module) as new (o: object) => {
  compile(s: object): Validator;
};
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: unknown) => void;
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { title: string };
// unicodeRegExp off: the schema's language pattern has a stray `]`, an error only under the regex `u` flag
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const RULES: RuleMeta[] = [
  {
    id: 'pass-through-function',
    category: 'abstraction',
    description: 'Wrappers that only pass arguments on.',
    defaultEffortMinutes: 10,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'file',
  },
  {
    id: 'copied-code',
    category: 'duplication',
    description: 'Copied blocks.',
    defaultEffortMinutes: 20,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'project',
  },
  {
    id: 'hard-coded-color',
    category: 'magic-value',
    description: 'Colors that should be tokens.',
    defaultEffortMinutes: 5,
    defaultSeverity: 'info',
    preset: 'all',
    scope: 'file',
  },
];

function f(over: Partial<Finding>): Finding {
  return {
    ruleId: 'pass-through-function',
    category: 'abstraction',
    severity: 'warning',
    message: '`a` only passes its arguments on to `b`.',
    file: 'src/a.ts',
    line: 3,
    column: 17,
    endLine: 3,
    endColumn: 28,
    effortMinutes: 10,
    fingerprint: '0123456789abcdef0123',
    related: [],
    ...over,
  };
}

function result(findings: Finding[], errors: ScanResult['errors'] = []): ScanResult {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { findings: 0, debtMinutes: 0 }])) as ScanResult['summary']['byCategory'];
  return {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: '0.1.0' },
    root: '/work/project with space',
    commit: null,
    summary: {
      files: 3,
      linesOfCode: 100,
      debtMinutes: 0,
      debtRatio: 0,
      rating: 'A',
      byCategory,
      designSystemAdoption: null,
      driftIndex: 0,
    },
    findings,
    errors,
    skipped: [],
    metrics: {},
  };
}

function outcome(base: Finding[], head: Finding[], baseline = false, errors: ScanResult['errors'] = []): CheckOutcome {
  const h = result(head, errors);
  const comparison = matchFindings(baseline ? baselineOccurrences(baselineFromFindings(base)) : occurrencesOf(base), head);
  const verdict = evaluateGate(comparison.new, defaultThresholds());
  const totals = { findings: base.length, debtMinutes: 0, byCategory: h.summary.byCategory };
  return {
    passed: verdict.passed,
    verdict,
    thresholds: defaultThresholds(),
    head: h,
    headCommit: null,
    comparison,
    base: baseline
      ? { kind: 'baseline', file: '/p/plumbline.baseline.json', totals }
      : { kind: 'commit', ref: 'origin/main', commit: 'a'.repeat(40), totals, summary: h.summary },
    stats: { head: { parsed: 0, fromCache: 0, factsMs: 0, detectorsMs: 0 }, base: null },
  };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      baselineState: string;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: Record<string, number> } }>;
      relatedLocations?: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        message: { text: string };
      }>;
    }>;
    invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }>;
  }>;
}

const kept = f({ fingerprint: 'aaaa0000aaaa0000aaaa', file: 'src/kept.ts' });
const fixed = f({ fingerprint: 'bbbb0000bbbb0000bbbb', file: 'src/fixed.ts', line: 9, endLine: 9 });
const added = f({
  ruleId: 'copied-code',
  category: 'duplication',
  fingerprint: 'cccc0000cccc0000cccc',
  file: 'src/new dir/copy#1.tsx',
  line: 4,
  column: 1,
  endLine: 12,
  endColumn: 2,
  effortMinutes: 20,
  message: 'These 9 lines are copied from `src/orig.tsx`.',
  related: [{ file: 'src/orig.tsx', line: 40, message: 'the original' }],
});
const info = f({
  ruleId: 'hard-coded-color',
  category: 'magic-value',
  severity: 'info',
  fingerprint: 'dddd0000dddd0000dddd',
  file: 'src/c.css',
  line: 2,
  column: 10,
  endLine: 2,
  endColumn: 10,
});

describe('SARIF 2.1.0', () => {
  it('uses the official 2.1.0 schema', () => {
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
  });

  it('is valid against the schema, with new, unchanged and absent results', () => {
    const log = JSON.parse(formatSarif(outcome([kept, fixed], [kept, added, info]), { rules: RULES, absent: true })) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.baselineState])).toEqual([
      ['pass-through-function', 'unchanged'],
      ['copied-code', 'new'],
      ['hard-coded-color', 'new'],
      ['pass-through-function', 'absent'],
    ]);
    expect(results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual([
      kept.fingerprint,
      added.fingerprint,
      info.fingerprint,
      fixed.fingerprint,
    ]);
  });

  it('lists every rule with helpUri to its page, and results point at their rule', () => {
    const log = JSON.parse(formatSarif(outcome([kept], [kept, added]), { rules: RULES })) as SarifLog;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => [r.id, r.helpUri])).toEqual(
      [...RULES].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, docsUrl(r.id)]),
    );
    for (const r of log.runs[0]!.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('maps severities, regions, related locations and encodes paths as URI references', () => {
    const log = JSON.parse(formatSarif(outcome([], [added, info]), { rules: RULES, pathPrefix: 'web/' })) as SarifLog;
    const [copy, color] = log.runs[0]!.results;
    expect(copy!.level).toBe('warning');
    expect(color!.level).toBe('note');
    expect(copy!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('web/src/new%20dir/copy%231.tsx');
    expect(copy!.locations[0]!.physicalLocation.region).toEqual({ startLine: 4, startColumn: 1, endLine: 12, endColumn: 2 });
    expect(copy!.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'web/src/orig.tsx', uriBaseId: '%SRCROOT%' }, region: { startLine: 40 } },
        message: { text: 'the original' },
      },
    ]);
    expect(color!.locations[0]!.physicalLocation.region).toEqual({ startLine: 2, startColumn: 10, endLine: 2, endColumn: 10 });
  });

  it('leaves absent results out unless asked: GitHub code scanning does not read baselineState', () => {
    const log = JSON.parse(formatSarif(outcome([kept, fixed], [kept]), { rules: RULES })) as SarifLog;
    expect(log.runs[0]!.results.map((r) => r.baselineState)).toEqual(['unchanged']);
  });

  it('absent results of a baseline file carry the file without a region, and stay valid', () => {
    const log = JSON.parse(
      formatSarif(outcome([kept, fixed], [kept], true, [{ file: 'src/bad.ts', message: 'syntax error' }]), { rules: RULES, absent: true }),
    ) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const absent = log.runs[0]!.results.find((r) => r.baselineState === 'absent')!;
    expect(absent.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'src/fixed.ts', uriBaseId: '%SRCROOT%' } });
    expect(absent.message.text).toContain('pass-through-function');
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications!.map((n) => n.message.text)).toEqual(['src/bad.ts: syntax error']);
  });

  it('a result of a rule the catalog does not know still validates, with a descriptor of its own', () => {
    const log = JSON.parse(formatSarif(outcome([], [f({ ruleId: 'future-rule', fingerprint: 'eeee' })]), { rules: RULES })) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const r = log.runs[0]!.results[0]!;
    expect(log.runs[0]!.tool.driver.rules[r.ruleIndex]).toMatchObject({ id: 'future-rule', helpUri: docsUrl('future-rule') });
  });

  it('the schema is not a rubber stamp: a broken log fails it', () => {
    const log = JSON.parse(formatSarif(outcome([], [added]), { rules: RULES })) as SarifLog;
    (log.runs[0]!.results[0] as unknown as Record<string, unknown>).baselineState = 'moved';
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(formatSarif(outcome([], [added]), { rules: RULES })) as SarifLog;
    (log2.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as Record<string, number>).startLine = 0;
    expect(validate(log2)).toBe(false);
  });
});
