/**
 * Project settings for ESLint rules, zero-config: the project root is the nearest directory upward from
 * the linted file that holds plumbline.config.json (else ESLint's cwd); its config is loaded with core's
 * `loadConfig` and its check settings (design tokens, design system, ...) are built with
 * `buildCheckSettings` once per process, and rebuilt only when the config or a token file changes.
 * `settings.plumbline` from the ESLint config is merged over them; when it gives `tokens`, nothing is
 * loaded from disk for tokens at all.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { buildCheckSettings, CONFIG_FILE_NAME, globMatcher, loadConfig } from '@plumbline/core';
import type { CheckSettings, FileError, ResolvedConfig } from '@plumbline/core';
import type { TSESLint } from '@typescript-eslint/utils';

interface ProjectEntry {
  root: string;
  config: ResolvedConfig | null;
  settings: CheckSettings;
  errors: FileError[];
  isTest: (path: string) => boolean;
  /** mtimes of the config and token files when built */
  stamp: string;
  checkedAt: number;
}

const projects = new Map<string, ProjectEntry>();
const rootOfDir = new Map<string, string>();
/** how often (ms) a long-running editor process looks at the config and token files again */
const RECHECK_MS = 2000;

/**
 * The nearest directory from `dir` upward that holds plumbline.config.json, or `fallback` (the lint run's
 * cwd). A fallback at the filesystem root (RuleTester's cwd for an absolute file name, an editor started
 * from /) would read every project on the machine: the file's repository (`.git`) or nearest package is
 * taken instead.
 */
export function findProjectRoot(dir: string, fallback: string): string {
  const start = resolve(dir);
  const cached = rootOfDir.get(start);
  if (cached) return cached;
  let found: string | undefined;
  let repository: string | undefined;
  let nearestPackage: string | undefined;
  for (let d = start; ; d = dirname(d)) {
    if (existsSync(join(d, CONFIG_FILE_NAME))) {
      found = d;
      break;
    }
    if (!repository && existsSync(join(d, '.git'))) repository = d;
    if (!nearestPackage && existsSync(join(d, 'package.json'))) nearestPackage = d;
    if (dirname(d) === d) break;
  }
  if (!found) {
    const f = resolve(fallback);
    found = dirname(f) === f ? (repository ?? nearestPackage ?? start) : f;
  }
  rootOfDir.set(start, found);
  return found;
}

function stampOf(root: string, config: ResolvedConfig | null, settings: CheckSettings): string {
  const files = [config?.file ?? join(root, CONFIG_FILE_NAME)];
  const tokens = settings.tokens as { files?: unknown } | undefined;
  if (Array.isArray(tokens?.files)) for (const f of tokens.files) if (typeof f === 'string') files.push(resolve(root, f));
  return files
    .map((f) => {
      try {
        return `${f}:${statSync(f).mtimeMs}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join('|');
}

function build(root: string): ProjectEntry {
  let config: ResolvedConfig | null = null;
  const errors: FileError[] = [];
  let settings: CheckSettings = {};
  try {
    config = loadConfig(root);
    const built = buildCheckSettings(root, config);
    settings = built.settings;
    errors.push(...built.errors);
  } catch (e) {
    // a broken config is reported by `plumbline scan` (exit 2); in the editor the rules run without it
    errors.push({ file: join(root, CONFIG_FILE_NAME), message: (e as Error).message });
  }
  const isTest = globMatcher(config?.testFiles ?? []);
  return { root, config, settings, errors, isTest, stamp: stampOf(root, config, settings), checkedAt: Date.now() };
}

/** The project entry of a root, built once per process and rebuilt when its config or token files change. */
export function projectEntry(root: string): ProjectEntry {
  const cur = projects.get(root);
  if (cur) {
    if (Date.now() - cur.checkedAt < RECHECK_MS) return cur;
    cur.checkedAt = Date.now();
    if (stampOf(root, cur.config, cur.settings) === cur.stamp) return cur;
  }
  const entry = build(root);
  projects.set(root, entry);
  return entry;
}

/** Forgets every memoised project (tests). */
export function resetProjectSettings(): void {
  projects.clear();
  rootOfDir.clear();
}

/**
 * Settings, project-relative path and test-file judgement for the file a rule is linting. Returns
 * undefined when `settings.plumbline.tokens` is given (the ESLint config is then the whole truth).
 */
export function projectContext(
  context: Readonly<TSESLint.RuleContext<string, unknown[]>>,
): { settings: CheckSettings; filePath: string; isTestFile: boolean } | undefined {
  const explicit = ((context.settings as Record<string, unknown>).plumbline ?? {}) as CheckSettings;
  if (explicit.tokens !== undefined) return undefined;
  const cwd = context.cwd;
  const filename = context.filename;
  const real = filename && !filename.startsWith('<') ? (isAbsolute(filename) ? filename : resolve(cwd, filename)) : join(cwd, 'file.ts');
  const root = findProjectRoot(dirname(real), cwd);
  const entry = projectEntry(root);
  const filePath = relative(root, real).split('\\').join('/');
  return {
    settings: { ...entry.settings, ...explicit },
    filePath,
    isTestFile: entry.config ? entry.isTest(filePath) : false,
  };
}
