import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzerKey, analyzerRules, DETECTORS } from '@plumbline/analyzer';
import { shortHash, VERSION } from '@plumbline/core';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';

let detectorCode: string | undefined;
/** The detectors' code: their built module files when they can be found, else their detect functions. */
function detectorsCode(): string {
  if (detectorCode !== undefined) return detectorCode;
  const parts = DETECTORS.map((d) => `${d.id}\0${d.detect.toString()}\0${JSON.stringify(d.rules)}`);
  try {
    const dir = join(dirname(fileURLToPath(import.meta.resolve('@plumbline/analyzer'))), 'detectors');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) parts.push(f, readFileSync(join(dir, f), 'utf8'));
  } catch {
    // running from sources (tests): the detect functions above stand for the code
  }
  detectorCode = shortHash(parts.join('\0'), 16);
  return detectorCode;
}

/**
 * Identifies how snapshots were computed: the analyzer's code and facts key, the detectors, every rule's
 * metadata and the config keys that change findings or scores. Snapshots under different keys are
 * never compared, so a new detector, an upgrade or a config change recomputes the history (cheaply:
 * the facts cache still holds every unchanged file) instead of showing a jump that no commit made.
 */
export function analysisKey(config: ResolvedConfig, settings: CheckSettings): string {
  return shortHash(
    [
      VERSION, analyzerKey(config, settings), detectorsCode(), JSON.stringify(analyzerRules()),
      JSON.stringify([config.include, config.exclude, config.effort, config.devCostMinutesPerLine, config.layers, config.decisions, config.tokens]),
    ].join('\0'),
    16,
  );
}
