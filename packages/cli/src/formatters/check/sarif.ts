import { pathToFileURL } from 'node:url';
import { docsUrl, VERSION } from '@plumbline/core';
import type { Finding, RuleMeta, Severity } from '@plumbline/core';
import type { CheckOutcome } from '../../check.js';
import type { BaseOccurrence } from '../../gate.js';
import { reviewJson } from './review.js';

/**
 * `plumbline check --format sarif`: SARIF 2.1.0 for code scanning: every rule with its page, every result
 * with its fingerprint and baseline state. A data format: repository text is kept verbatim (JSON.stringify
 * escapes the controls; code scanning shows message text as text), so nothing here goes through text-safety.
 */

export interface SarifOptions {
  /** every rule plumbline knows (allRules()); results of other rule ids get a bare descriptor */
  rules: readonly RuleMeta[];
  /**
   * include the base's findings the change removed, as results with baselineState "absent". Off by
   * default: GitHub code scanning does not read baselineState and would show them as open alerts.
   */
  absent?: boolean;
  /** the root's path inside its repository (`git rev-parse --show-prefix`), so URIs are repository-relative */
  pathPrefix?: string;
  /** the repository's (or root's) absolute path, for %SRCROOT% */
  srcRoot?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'plumbline/v1';

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A repository-relative path as a URI reference: each segment percent-encoded. */
function uriOf(file: string, prefix: string): string {
  return `${prefix}${file}`.split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function ruleDescriptor(meta: RuleMeta): Json {
  const url = docsUrl(meta.id);
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    helpUri: url,
    help: { text: `${meta.description} See ${url}`, markdown: `${meta.description} See [${meta.id}](${url}).` },
    defaultConfiguration: { enabled: meta.preset !== 'off', level: LEVEL[meta.defaultSeverity] },
    properties: {
      category: meta.category,
      tags: ['plumbline', meta.category],
      defaultEffortMinutes: meta.defaultEffortMinutes,
      scope: meta.scope,
    },
  };
}

function physicalLocation(
  file: string,
  prefix: string,
  region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number },
): Json {
  return { artifactLocation: { uri: uriOf(file, prefix), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) };
}

function regionOf(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
} {
  // SARIF requires the end at or after the start; a zero-width range ends where it starts
  const endLine = Math.max(f.endLine, f.line);
  const endColumn = endLine === f.line ? Math.max(f.endColumn, f.column) : f.endColumn;
  return { startLine: f.line, startColumn: f.column, endLine, endColumn: Math.max(1, endColumn) };
}

/** The SARIF log of a check: new and unchanged findings (and, if asked, absent ones) against the base. */
export function formatSarif(outcome: CheckOutcome, options: SarifOptions): string {
  const prefix = options.pathPrefix ?? '';
  const known = new Map(options.rules.map((r) => [r.id, r]));
  const descriptors: Json[] = [];
  const index = new Map<string, number>();
  const ensureRule = (ruleId: string, fallbackSeverity: Severity) => {
    if (index.has(ruleId)) return index.get(ruleId)!;
    const meta = known.get(ruleId);
    descriptors.push(
      meta ? ruleDescriptor(meta) : { id: ruleId, helpUri: docsUrl(ruleId), defaultConfiguration: { level: LEVEL[fallbackSeverity] } },
    );
    index.set(ruleId, descriptors.length - 1);
    return descriptors.length - 1;
  };
  for (const r of [...options.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) ensureRule(r.id, r.defaultSeverity);

  const resultOf = (f: Finding, baselineState: 'new' | 'unchanged' | 'absent'): Json => ({
    ruleId: f.ruleId,
    ruleIndex: ensureRule(f.ruleId, f.severity),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, prefix, regionOf(f)) }],
    ...(f.related.length
      ? {
          relatedLocations: f.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: physicalLocation(r.file, prefix, { startLine: Math.max(1, r.line) }),
            message: { text: r.message || r.file },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    baselineState,
    properties: { category: f.category, effortMinutes: f.effortMinutes },
  });
  const absentOf = (o: BaseOccurrence): Json => {
    if (o.finding) return resultOf(o.finding, 'absent');
    const severity = known.get(o.ruleId)?.defaultSeverity ?? 'warning';
    return {
      ruleId: o.ruleId,
      ruleIndex: ensureRule(o.ruleId, severity),
      level: LEVEL[severity],
      message: { text: `A ${o.ruleId} finding the baseline lists in ${o.file} is gone.` },
      locations: [{ physicalLocation: physicalLocation(o.file, prefix) }],
      partialFingerprints: { [FINGERPRINT_KEY]: o.fingerprint },
      baselineState: 'absent',
      properties: { category: o.category, effortMinutes: o.effortMinutes },
    };
  };

  const isNew = new Set(outcome.comparison.new);
  const results = outcome.head.findings.map((f) => resultOf(f, isNew.has(f) ? 'new' : 'unchanged'));
  if (options.absent) results.push(...outcome.comparison.absent.map(absentOf));

  const srcRoot = options.srcRoot ?? outcome.head.root;
  const rootUri = pathToFileURL(srcRoot).href.replace(/\/?$/, '/');
  const notifications = outcome.head.errors.map((e) => ({
    level: 'warning',
    message: { text: `${e.file}: ${e.message}` },
    locations: [{ physicalLocation: physicalLocation(e.file, prefix) }],
  }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plumbline',
            semanticVersion: VERSION,
            version: VERSION,
            informationUri: 'https://github.com/plumbline-dev/plumbline',
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          gate: {
            passed: outcome.passed,
            base:
              outcome.base.kind === 'commit'
                ? { kind: 'commit', ref: outcome.base.ref, commit: outcome.base.commit }
                : { kind: 'baseline' },
            newFindings: outcome.verdict.newFindings,
            newDebtMinutes: outcome.verdict.newDebtMinutes,
            absentFindings: outcome.comparison.absent.length,
          },
          ...(outcome.review ? { review: reviewJson(outcome.review) } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
