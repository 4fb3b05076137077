// Which code produced a result, and the keys that the caches and the history are kept under. One
// identity of the code for all of them: the facts cache (analyzerKey), a whole scan's result
// (resultKey), trend's snapshots (analysisKey) and the CLI's memo of check settings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_MODULE_DIR, FILE_CHECKS, shortHash, VERSION } from '@plumbline/core';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import { DETECTORS } from './detectors/index.js';
import { EXTRACTORS } from './facts/index.js';
import { typeScriptVersion } from './parse.js';

/** The module directories of core and of the analyzer (dist/ when built, src/ when run from sources). */
const MODULE_DIRS = [CORE_MODULE_DIR, fileURLToPath(new URL('.', import.meta.url))];

let identity: string | undefined;

/**
 * Changes whenever the code that computes facts, findings or settings changes: plumbline's version, the
 * TypeScript it parses with, the content of every module and data file of core and of the analyzer (a
 * check's, extractor's or detector's helpers change its results too), and the checks', extractors' and
 * detectors' own code and the rules' metadata, which stand for the code where its files cannot be
 * listed (a bundle). Computed once per process.
 */
export function codeIdentity(): string {
  if (identity !== undefined) return identity;
  const parts = [VERSION, typeScriptVersion()];
  for (const dir of MODULE_DIRS) {
    let files: string[] = [];
    try {
      files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(js|ts|json)$/.test(f) && !f.endsWith('.d.ts') && !/\.test\.ts$/.test(f))
        .sort();
    } catch {
      parts.push(`${dir}: not listed`);
    }
    for (const f of files) {
      try {
        parts.push(f, readFileSync(join(dir, f), 'utf8'));
      } catch {
        parts.push(f);
      }
    }
  }
  for (const e of EXTRACTORS) parts.push(e.name, e.extract.toString());
  for (const c of FILE_CHECKS) parts.push(c.meta.id, c.run.toString(), JSON.stringify(c.meta));
  for (const d of DETECTORS) parts.push(d.id, d.detect.toString(), JSON.stringify(d.rules));
  identity = shortHash(parts.join('\0'), 16);
  return identity;
}

/**
 * The facts cache's key: the code, and what in the config and the check settings changes a file's facts
 * (rule options, which files are tests, the design system, the settings).
 */
export function analyzerKey(config: ResolvedConfig, settings: CheckSettings): string {
  return shortHash(
    [
      codeIdentity(),
      JSON.stringify(config.rules),
      JSON.stringify(config.testFiles),
      JSON.stringify(config.designSystem),
      JSON.stringify(settings),
    ].join('\0'),
    16,
  );
}

/** Everything a whole scan result is a function of; `listing` is the digest of every path and content hash. */
export function resultKey(config: ResolvedConfig, settings: CheckSettings, listing: string): string {
  return shortHash([analyzerKey(config, settings), JSON.stringify(config), listing].join('\0'), 32);
}

/**
 * Identifies how trend's snapshots were computed: the code, the facts key and the config keys that
 * change findings or scores. Snapshots under different keys are never compared, so a new detector, an
 * upgrade or a config change recomputes the history (cheaply: the facts cache still holds every
 * unchanged file) instead of showing a jump that no commit made.
 */
export function analysisKey(config: ResolvedConfig, settings: CheckSettings): string {
  return shortHash(
    [
      analyzerKey(config, settings),
      JSON.stringify([
        config.include,
        config.exclude,
        config.effort,
        config.devCostMinutesPerLine,
        config.layers,
        config.decisions,
        config.tokens,
      ]),
    ].join('\0'),
    16,
  );
}
