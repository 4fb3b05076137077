import { classifyContent, extractFileFacts, languageOf } from '@plumbline/analyzer';
import type { FileFacts } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';

/**
 * The facts of one file version, exactly as analyze() computes them on a cache miss: classified by
 * content (skipped and unreadable files keep their outcome), then extracted. Pure, so it runs the same
 * in a worker thread; a test holds it equal to analyze()'s own results.
 */
export function factsForBlob(path: string, hash: string, bytes: Uint8Array, config: ResolvedConfig, settings: CheckSettings): FileFacts {
  const c = classifyContent(bytes);
  if (c.kind === 'ok') return extractFileFacts(path, hash, c.text, config, settings);
  return {
    path, hash, language: languageOf(path) ?? 'ts', linesOfCode: 0, isTestFile: false, checkFindings: [], data: {},
    outcome: c.kind === 'skip' ? c : { kind: 'error', message: c.message },
  };
}
