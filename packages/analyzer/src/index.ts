export { analyze, analyzerRules, finalizeFindings, openCache, workingTreeSource } from './analyze.js';
export type { AnalyzeOptions, AnalyzeOutput, AnalyzeStats, FileSource } from './analyze.js';
export { FactsCache, ResultCache, parseFactsFile, prefetchFactsFile, readFactsFile, writeFactsFile } from './cache.js';
export type { FactsPrefetch } from './cache.js';
export { classifyContent, MAX_FILE_BYTES } from './classify.js';
export { analysisKey, analyzerKey, codeIdentity, resultKey } from './code-identity.js';
export { extractFileFacts, factsForBlob, factsOfContent, outcomeOf, unanalysedFacts } from './extract.js';
export type { FileOutcome } from './extract.js';
export {
  discoverFiles,
  filterPaths,
  gitKnownHashes,
  languageOf,
  startGitQueries,
  BUILTIN_EXCLUDES,
  SCRIPT_EXTENSIONS,
  STYLE_EXTENSIONS,
} from './discover.js';
export type { GitWorkTree } from './discover.js';
export { defineDetector } from './detector.js';
export type { Detector, DetectorContext, DetectorResult, DraftFinding } from './detector.js';
export { defineExtractor, factsOf } from './facts.js';
export type { ExtractInput, FactExtractor, FileFacts } from './facts.js';
export { DETECTORS } from './detectors/index.js';
export { EXTRACTORS } from './facts/index.js';
export { loadTypeScript, parseSource, typescript } from './parse.js';
export { defaultConcurrency, fillFactsCache, MIN_FILES_FOR_WORKERS, workersFor } from './facts-pool.js';
export type { BlobSource, BlobToAnalyse, PoolOptions } from './facts-pool.js';
export { pack, unpack } from './packed.js';
export type { Packed } from './packed.js';
export * as structure from './facts/structure.js';
export { ModuleResolver, packageNameOf } from './resolve.js';
export type { Resolution } from './resolve.js';
