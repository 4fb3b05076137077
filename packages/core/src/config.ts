import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Severity } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import { DEFAULT_DEV_COST_MINUTES_PER_LINE } from './score.js';
import { checkDecision } from './roles/match.js';

/** config `tokenTemplates`: the replacement text of a token per context. */
export interface TokenTemplates {
  css?: string;
  template?: string;
  object?: string;
  native?: string;
  className?: string;
}

export type RuleSetting = 'off' | 'warn' | 'error' | 'info';
/**
 * config `preset`: `recommended` runs the rules measured precise on real code; `strict` adds those measured
 * right at least half the time; `all` adds the rest (rules measured mostly wrong on the precision ledger).
 */
export type RulePreset = 'recommended' | 'strict' | 'all';

const PRESET_RANK: Record<RulePreset, number> = { recommended: 0, strict: 1, all: 2 };
export type RuleEntry = RuleSetting | [RuleSetting] | [RuleSetting, Record<string, unknown>];

export interface LayerConfig {
  name: string;
  include: string[];
  allow?: string[];
}
export interface DecisionConfig {
  id: string;
  role?: string;
  idiom?: string;
  use: string;
  instead?: string[];
  link?: string;
}

/** plumbline.config.json as written by the user: every key optional. */
export interface UserConfig {
  $schema?: string;
  include?: string[];
  exclude?: string[];
  testFiles?: string[];
  tokens?: string[];
  designSystem?: { packages?: string[]; paths?: string[]; elements?: Record<string, string> };
  layers?: LayerConfig[];
  decisions?: DecisionConfig[];
  /** which rules run when `rules` does not name them: the recommended set (default), also the strict ones, or all */
  preset?: RulePreset;
  rules?: Record<string, RuleEntry>;
  effort?: Record<string, number>;
  devCostMinutesPerLine?: number;
  history?: { path?: string; store?: string; repository?: string; assistantPatterns?: string[] };
  /** what `plumbline check` tells the reviewer of a change */
  review?: { designReviewOverLines?: number };
  cacheDir?: string;
  /** replacement text per context for token autofixes: `{name}` (CSS variable without --), `{path}` (token path) */
  tokenTemplates?: TokenTemplates;
}

/** The config with defaults applied; what the analyzer and the CLI work with. */
export interface ResolvedConfig {
  /** absolute path of the config file, or null when none was found */
  file: string | null;
  include: string[];
  exclude: string[];
  testFiles: string[];
  tokens: string[] | null;
  designSystem: { packages: string[]; paths: string[]; elements: Record<string, string> | null };
  layers: LayerConfig[];
  decisions: DecisionConfig[];
  preset: RulePreset;
  rules: Record<string, RuleEntry>;
  effort: Record<string, number>;
  devCostMinutesPerLine: number;
  historyPath: string;
  /** config `history.store`: a `postgres://` URL or a SQLite file; null = the file at historyPath */
  historyStore: string | null;
  /** config `history.repository`: this repository's name in a shared store; null = from the git remote */
  historyRepository: string | null;
  /** config `history.assistantPatterns`: regular expressions for AI-assistant trailers; null = the built-in list */
  historyAssistantPatterns: string[] | null;
  /** config `review.designReviewOverLines`: a change of more changed lines needs a design review (default 200) */
  review: { designReviewOverLines: number };
  cacheDir: string;
  tokenTemplates: TokenTemplates;
}

export const CONFIG_FILE_NAME = 'plumbline.config.json';

/**
 * Code that is not the product: tests, stories, fixtures, mocks, e2e helpers, and development-only code
 * (playgrounds, seed data, migrations, example apps). Analysed, but noisy rules stay quiet there: a seed
 * file's literals are data, a migration is a copy of the schema on purpose, an example is written for readers.
 */
export const DEFAULT_TEST_FILES = [
  '**/*.{test,spec}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  '**/*.stories.{ts,tsx,js,jsx,mdx}',
  '**/{__tests__,__mocks__,__fixtures__,__testfixtures__,__snapshots__,test,tests,e2e,cypress,playwright,detox,fixtures,mocks,stories}/**',
  '**/{test,tests}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  // mock data beside the code it serves: src/orders/fixtures.ts, user.mock.ts
  '**/{fixtures,mocks}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  '**/*.{fixture,fixtures,mock,mocks}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  '**/{playground,playgrounds,seed,seeds,seed-data,migrations,examples}/**',
  '**/*{playground,.seed}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  '**/seed.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
];

export function defaultConfig(): ResolvedConfig {
  return {
    file: null,
    include: ['**/*'],
    exclude: [],
    testFiles: [...DEFAULT_TEST_FILES],
    tokens: null,
    designSystem: { packages: [], paths: [], elements: null },
    layers: [],
    decisions: [],
    preset: 'recommended',
    rules: {},
    effort: {},
    devCostMinutesPerLine: DEFAULT_DEV_COST_MINUTES_PER_LINE,
    historyPath: '.plumbline/history.db',
    historyStore: null,
    historyRepository: null,
    historyAssistantPatterns: null,
    review: { designReviewOverLines: 200 },
    cacheDir: '.plumbline/cache',
    tokenTemplates: {},
  };
}

/** A configuration problem: exit code 2, with the file, the key path and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string,
    readonly expected: string,
  ) {
    super(`${file}: ${keyPath ? `key "${keyPath}"` : 'the file'}: ${expected}`);
    this.name = 'ConfigError';
  }
}

let schemaCache: Record<string, unknown> | undefined;
export function configSchema(): Record<string, unknown> {
  schemaCache ??= JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  return schemaCache;
}

type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
let validator: ReturnType<InstanceType<AjvClass>['compile']> | undefined;

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function keyPathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function schemaAt(path: string[]): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = configSchema();
  for (const key of path) {
    if (!node) return undefined;
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (props?.[key]) node = props[key];
    else if (node.items && !Array.isArray(node.items)) node = node.items as Record<string, unknown>;
    else return undefined;
  }
  return node;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function explain(error: ErrorObject, data: unknown): { keyPath: string; expected: string } {
  const keyPath = keyPathOf(error.instancePath);
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .filter((s) => !/^\d+$/.test(s));
  let actual: unknown = data;
  for (const s of error.instancePath.split('/').slice(1)) actual = (actual as Record<string, unknown> | undefined)?.[s];
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((schemaAt(segments)?.properties as object | undefined) ?? {});
      const hint = didYouMean(extra, known);
      return {
        keyPath: keyPath ? `${keyPath}.${extra}` : extra,
        expected: `unknown key${hint ? `; did you mean "${hint}"?` : ''} (known keys: ${known.join(', ')})`,
      };
    }
    case 'type':
      return { keyPath, expected: `expected ${(error.params as { type: string }).type}, got ${describeValue(actual)}` };
    case 'enum':
      return {
        keyPath,
        expected: `expected one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(actual)}`,
      };
    case 'required':
      return { keyPath, expected: `missing required key "${(error.params as { missingProperty: string }).missingProperty}"` };
    case 'anyOf':
      if (segments[0] === 'rules')
        return { keyPath, expected: `expected "off", "warn", "error", "info" or [severity, {options}], got ${describeValue(actual)}` };
      return { keyPath, expected: `${error.message ?? 'invalid value'}` };
    default:
      return { keyPath, expected: `${error.message ?? 'invalid value'}, got ${describeValue(actual)}` };
  }
}

/** Validates a parsed config object; throws ConfigError for the first problem, naming the file and key. */
export function validateConfig(data: unknown, file: string, knownRuleIds?: readonly string[]): UserConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(file, '', `expected a JSON object, got ${describeValue(data)}`);
  }
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema());
  if (!validator(data)) {
    const errors = validator.errors ?? [];
    // report the most specific error: additionalProperties and type errors before anyOf summaries
    const rank = (e: ErrorObject) => (e.keyword === 'additionalProperties' ? 0 : e.keyword === 'anyOf' ? 2 : 1);
    const first = [...errors].sort((a, b) => rank(a) - rank(b))[0]!;
    const { keyPath, expected } = explain(first, data);
    throw new ConfigError(file, keyPath, expected);
  }
  const config = data as UserConfig;
  if (knownRuleIds) {
    for (const section of ['rules', 'effort'] as const) {
      for (const id of Object.keys(config[section] ?? {})) {
        if (!knownRuleIds.includes(id)) {
          const hint = didYouMean(id, knownRuleIds);
          throw new ConfigError(file, `${section}.${id}`, `unknown rule id${hint ? `; did you mean "${hint}"?` : ''}`);
        }
      }
    }
  }
  for (const [i, layer] of (config.layers ?? []).entries()) {
    const names = new Set((config.layers ?? []).map((l) => l.name));
    for (const allowed of layer.allow ?? []) {
      if (!names.has(allowed)) {
        const hint = didYouMean(allowed, names);
        throw new ConfigError(file, `layers.${i}.allow`, `no layer named "${allowed}"${hint ? `; did you mean "${hint}"?` : ''}`);
      }
    }
  }
  for (const [i, decision] of (config.decisions ?? []).entries()) {
    const problem = checkDecision(decision);
    if (problem) throw new ConfigError(file, `decisions.${i}.${problem.key}`, problem.expected);
  }
  return config;
}

/** Applies defaults to a validated user config. */
export function resolveConfig(user: UserConfig, file: string | null): ResolvedConfig {
  const d = defaultConfig();
  return {
    file,
    include: user.include ?? d.include,
    exclude: user.exclude ?? d.exclude,
    testFiles: user.testFiles ?? d.testFiles,
    tokens: user.tokens ?? null,
    designSystem: {
      packages: user.designSystem?.packages ?? [],
      paths: user.designSystem?.paths ?? [],
      elements: user.designSystem?.elements ?? null,
    },
    layers: user.layers ?? [],
    decisions: user.decisions ?? [],
    preset: user.preset ?? d.preset,
    rules: user.rules ?? {},
    effort: user.effort ?? {},
    devCostMinutesPerLine: user.devCostMinutesPerLine ?? d.devCostMinutesPerLine,
    historyPath: user.history?.path ?? d.historyPath,
    historyStore: user.history?.store ?? null,
    historyRepository: user.history?.repository ?? null,
    historyAssistantPatterns: user.history?.assistantPatterns ?? null,
    review: { designReviewOverLines: user.review?.designReviewOverLines ?? d.review.designReviewOverLines },
    cacheDir: user.cacheDir ?? d.cacheDir,
    tokenTemplates: user.tokenTemplates ?? {},
  };
}

/**
 * Loads the config: an explicit file, or plumbline.config.json in `root`, or the defaults.
 * Throws ConfigError (exit 2) for unreadable JSON or invalid keys.
 */
export function loadConfig(root: string, explicitFile?: string, knownRuleIds?: readonly string[]): ResolvedConfig {
  const file = explicitFile ? resolve(explicitFile) : join(resolve(root), CONFIG_FILE_NAME);
  if (!existsSync(file)) {
    if (explicitFile) throw new ConfigError(file, '', 'file not found');
    return defaultConfig();
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, '', `cannot be read (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(file, '', `is not valid JSON (${(e as Error).message})`);
  }
  return resolveConfig(validateConfig(data, file, knownRuleIds), file);
}

export function configDir(config: ResolvedConfig, root: string): string {
  return config.file ? dirname(config.file) : resolve(root);
}

/**
 * The severity a rule runs at, or null when it is off. A rule named in config `rules` runs as set there;
 * otherwise it runs at its default severity when its preset is within config `preset` (a `strict` rule
 * with `"preset": "strict"` or `"all"`, an `all` rule only with `"all"`, an `off` rule never).
 */
export function ruleSeverity(config: ResolvedConfig, rule: Pick<RuleMeta, 'id' | 'defaultSeverity' | 'preset'>): Severity | null {
  const entry = config.rules[rule.id];
  if (entry === undefined) {
    if (rule.preset === 'off' || PRESET_RANK[rule.preset] > (PRESET_RANK[config.preset] ?? 0)) return null;
    return rule.defaultSeverity;
  }
  const setting = Array.isArray(entry) ? entry[0] : entry;
  return setting === 'off' ? null : setting === 'warn' ? 'warning' : setting;
}

export function ruleOptions<O extends object>(config: ResolvedConfig, ruleId: string, defaults: O): O {
  const entry = config.rules[ruleId];
  const options = Array.isArray(entry) && entry.length > 1 ? (entry[1] as Partial<O>) : {};
  return { ...defaults, ...options };
}
