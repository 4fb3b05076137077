import type * as TS from 'typescript';
import type { CheckSettings, ResolvedConfig, TypeScript } from '@plumbline/core';
import type { DraftFinding } from './detector.js';

/** What every extractor gets for one file. `sourceFile` is absent for CSS/SCSS files. */
export interface ExtractInput {
  ts: TypeScript;
  /** POSIX path relative to the root */
  path: string;
  text: string;
  language: 'ts' | 'css';
  sourceFile?: TS.SourceFile;
  isTestFile: boolean;
  config: ResolvedConfig;
  settings: CheckSettings;
}

/**
 * A per-file fact extractor: a pure function of the file (content, path, config), whose result is cached
 * under the file's content hash. Results must be structured-clonable (plain data, no nodes).
 */
export interface FactExtractor<T = unknown> {
  /** key under FileFacts.data */
  name: string;
  languages: ReadonlyArray<'ts' | 'css'>;
  extract(input: ExtractInput): T;
}

/** Everything the detectors know about one file. */
export interface FileFacts {
  path: string;
  /** git blob id of the bytes */
  hash: string;
  language: 'ts' | 'css';
  linesOfCode: number;
  isTestFile: boolean;
  /** per-file check results (both surfaces share these checks) */
  checkFindings: DraftFinding[];
  /** extractor name -> its facts */
  data: Record<string, unknown>;
  /** set when the file was not analysed: skipped on purpose, or an error */
  outcome?: { kind: 'skip'; reason: string } | { kind: 'error'; message: string };
}

export function defineExtractor<T>(extractor: FactExtractor<T>): FactExtractor<T> {
  return extractor;
}

/** Typed access to one extractor's facts of a file. */
export function factsOf<T>(facts: FileFacts, extractor: FactExtractor<T>): T | undefined {
  return facts.data[extractor.name] as T | undefined;
}
