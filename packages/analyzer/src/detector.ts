import type { RelatedLocation, ResolvedConfig, RuleMeta, CheckSettings } from '@plumbline/core';
import type { FileFacts } from './facts.js';

/** A finding before the analyzer applies config (severity, effort) and computes its fingerprint. */
export interface DraftFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** the code (or a normalised description of it) that identifies the finding across commits */
  fingerprintCode: string;
  /** enclosing symbol path, e.g. `InvoiceList.render` */
  symbolPath: string;
  related?: RelatedLocation[];
  effortMinutes?: number;
  /**
   * when the report and the rating differ (the rule leaves a finding to another rule that runs for the
   * rating only): `report` is shown but not rated, `rating` is rated but not shown; absent: both
   */
  scope?: 'report' | 'rating';
}

export interface DetectorContext {
  root: string;
  /** facts of every analysed file (parsed without error), sorted by path */
  files: readonly FileFacts[];
  config: ResolvedConfig;
  settings: CheckSettings;
  /** options of a rule: its defaults merged with config `rules.<id>[1]` */
  options<O extends object>(ruleId: string, defaults: O): O;
  /** whether a rule runs: switched on by the config, or run for the rating only */
  enabled(ruleId: string): boolean;
  /**
   * whether rule `self` leaves a finding to rule `other`, which reports the same debt: when `self` is
   * reported, only if `other` is reported too (a user who turns on `self` alone sees the finding); when
   * `self` runs for the rating only, if `other` runs (the debt is rated once)
   */
  defersTo(other: string, self: string): boolean;
}

export interface DetectorResult {
  findings: DraftFinding[];
  /** figures for the JSON output's `metrics.<metricsKey or id>` */
  metrics?: unknown;
  /**
   * per-file findings that this detector's findings replace, by rule and position (e.g. the links of a
   * reported wrapper chain, which the chain finding lists in `related`)
   */
  supersedes?: Array<{ ruleId: string; file: string; line: number; column: number }>;
  /** contributions to the summary */
  designSystemAdoption?: number | null;
  driftIndex?: number;
  duplicatedLinesRatio?: number;
}

/** A whole-project detector: a pure function over the facts of all files. */
export interface Detector {
  /** the rule id it reports (its file is detectors/<id>.ts), or the metric it computes (design-system-adoption) */
  id: string;
  /**
   * the key of its figures in the JSON output's `metrics` (default: `id`); detectors that share one
   * analysis report it under one key (library-drift and idiom-drift: `pattern-drift`)
   */
  metricsKey?: string;
  /** the rule ids it reports, each with its page rules/<id>.md */
  rules: readonly RuleMeta[];
  detect(context: DetectorContext): DetectorResult;
}

export function defineDetector(detector: Detector): Detector {
  return detector;
}
