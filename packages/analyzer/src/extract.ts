import {
  FILE_CHECKS,
  countLinesOfCode,
  formatMessage,
  globMatcher,
  isRatedRule,
  ruleOptions,
  ruleSeverity,
  symbolPathOf,
} from '@plumbline/core';
import type { CheckReport, CheckSettings, ResolvedConfig } from '@plumbline/core';
import type * as TS from 'typescript';
import { classifyContent } from './classify.js';
import type { Classification } from './classify.js';
import type { FileFacts } from './facts.js';
import { EXTRACTORS } from './facts/index.js';
import { languageOf } from './discover.js';
import { loadTypeScript, parseSource } from './parse.js';

const testMatchers = new WeakMap<readonly string[], (path: string) => boolean>();

/** The test-file matcher of a config, compiled once per config rather than once per file. */
export function testFileMatcher(config: ResolvedConfig): (path: string) => boolean {
  let m = testMatchers.get(config.testFiles);
  if (!m) {
    m = globMatcher(config.testFiles);
    testMatchers.set(config.testFiles, m);
  }
  return m;
}

/** Why a file was not analysed: skipped on purpose, or an error. */
export type FileOutcome = NonNullable<FileFacts['outcome']>;

/** The outcome of a file whose bytes classifyContent() did not pass. */
export function outcomeOf(c: Exclude<Classification, { kind: 'ok' }>): FileOutcome {
  return c.kind === 'skip' ? { kind: 'skip', reason: c.reason } : { kind: 'error', message: c.message };
}

/** The facts of a file that was not analysed (skipped, unreadable, failed to parse or to analyse): its outcome and nothing else. */
export function unanalysedFacts(path: string, hash: string, outcome: FileOutcome): FileFacts {
  return { path, hash, language: languageOf(path) ?? 'ts', linesOfCode: 0, isTestFile: false, checkFindings: [], data: {}, outcome };
}

/**
 * The facts of one file version's bytes, exactly as analyze() computes them on a cache miss: classified
 * by content (skipped and unreadable files keep their outcome), then extracted. Pure, so it runs the same
 * in a worker thread.
 */
export function factsForBlob(path: string, hash: string, bytes: Uint8Array, config: ResolvedConfig, settings: CheckSettings): FileFacts {
  const c = classifyContent(bytes);
  return c.kind === 'ok' ? extractFileFacts(path, hash, c.text, config, settings) : unanalysedFacts(path, hash, outcomeOf(c));
}

/** The facts of a file's text, already classified (a scan's files), or of its bytes (trend's file versions). */
export function factsOfContent(
  path: string,
  hash: string,
  content: string | Uint8Array,
  config: ResolvedConfig,
  settings: CheckSettings,
): FileFacts {
  return typeof content === 'string'
    ? extractFileFacts(path, hash, content, config, settings)
    : factsForBlob(path, hash, content, config, settings);
}

/** A per-file check a config runs, with its options. */
interface RunCheck {
  check: (typeof FILE_CHECKS)[number];
  options: object;
}

const runChecks = new WeakMap<ResolvedConfig, { rules: ResolvedConfig['rules']; preset: ResolvedConfig['preset']; checks: RunCheck[] }>();

/**
 * The per-file checks a config runs and their options, worked out once per config rather than once per file: the
 * checks its rules turn on, and every rated rule's (its findings count for the rating, analyze.ts).
 */
function checksOf(config: ResolvedConfig): RunCheck[] {
  const known = runChecks.get(config);
  if (known && known.rules === config.rules && known.preset === config.preset) return known.checks;
  const checks = FILE_CHECKS.filter((check) => ruleSeverity(config, check.meta) !== null || isRatedRule(check.meta.id)).map(
    (check): RunCheck => ({ check, options: ruleOptions(config, check.meta.id, check.meta.defaultOptions as object) }),
  );
  runChecks.set(config, { rules: config.rules, preset: config.preset, checks });
  return checks;
}

/**
 * Runs extractors and per-file checks on one file's text. Pure: same input, same facts. The syntax tree
 * lives only inside this call: the facts are plain data and nothing keeps a node, so the tree is freed
 * as soon as the facts are extracted. Kept apart from the detectors so that a worker thread loads only
 * what extraction needs.
 */
export function extractFileFacts(path: string, hash: string, text: string, config: ResolvedConfig, settings: CheckSettings): FileFacts {
  const language = languageOf(path) ?? 'ts';
  const isTestFile = testFileMatcher(config)(path);
  const facts: FileFacts = { path, hash, language, linesOfCode: countLinesOfCode(text), isTestFile, checkFindings: [], data: {} };
  let sourceFile: TS.SourceFile | undefined;
  if (language === 'ts') {
    const parsed = parseSource(path, text);
    if (parsed.error) return unanalysedFacts(path, hash, { kind: 'error', message: parsed.error });
    sourceFile = parsed.sourceFile!;
  }
  const ts = loadTypeScript();
  try {
    const input = { ts, path, text, language, ...(sourceFile ? { sourceFile } : {}), isTestFile, config, settings };
    for (const extractor of EXTRACTORS) {
      if (!extractor.languages.includes(language)) continue;
      facts.data[extractor.name] = extractor.extract(input);
    }
    if (sourceFile) {
      for (const { check, options } of checksOf(config)) {
        const sf = sourceFile;
        check.run({
          ts,
          sourceFile: sf,
          filePath: path,
          isTestFile,
          settings,
          options,
          report(r: CheckReport) {
            const start = r.range?.start ?? r.node!.getStart(sf);
            const end = r.range?.end ?? r.node!.getEnd();
            const s = ts.getLineAndCharacterOfPosition(sf, start);
            const e = ts.getLineAndCharacterOfPosition(sf, end);
            facts.checkFindings.push({
              ruleId: check.meta.id,
              file: path,
              line: s.line + 1,
              column: s.character + 1,
              endLine: e.line + 1,
              endColumn: e.character + 1,
              message: formatMessage(check.meta.messages[r.messageId] ?? r.messageId, r.data),
              fingerprintCode: r.fingerprintCode ?? text.slice(start, end),
              symbolPath: r.node ? symbolPathOf(ts, r.node) : '',
              ...(r.related ? { related: r.related } : {}),
              ...(r.effortMinutes !== undefined ? { effortMinutes: r.effortMinutes } : {}),
            });
          },
        });
      }
    }
  } catch (e) {
    const message = e instanceof RangeError ? 'too deeply nested to analyse (stack overflow)' : `analysis failed: ${(e as Error).message}`;
    return unanalysedFacts(path, hash, { kind: 'error', message });
  }
  return facts;
}
