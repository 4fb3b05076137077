import { existsSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { buildCheckSettings, designSystemOf, globMatcher, inferredSummary } from '@plumbline/core';
import type { DesignSystemMigration, DesignSystemSource, RoleConventions, TokenSettings } from '@plumbline/core';
import { scan } from '../scan.js';
import { memoizedCheckSettings } from '../settings-memo.js';

/**
 * `plumbline init`: what a zero-config scan takes the repository to have (its design systems with their
 * components and importers, token sources, the convention per library role, test, story and generated
 * files), and the plumbline.config.json that pins it for the team to edit.
 */

export interface InitReport {
  root: string;
  /** the config the scan read, root-relative, or null */
  configFile: string | null;
  /** the one-line summary every scan prints */
  summary: string;
  designSystem: {
    source: 'config' | 'inferred' | 'none';
    systems: DesignSystemSource[];
    /** raw element -> the component to use and where it is imported from */
    elements: Record<string, string>;
    migrations: DesignSystemMigration[];
    adoption: number | null;
  };
  tokens: { total: number; sources: Array<{ file: string; tokens: number }>; tailwind: string | null };
  conventions: Array<{ role: string; title: string; choice: string; files: number; share: number }>;
  /** glob -> files it marks as test code (stories counted apart) */
  testFiles: Array<{ glob: string; files: number }>;
  storyFiles: Array<{ glob: string; files: number }>;
  /** directories of files skipped as generated, with counts */
  generated: Array<{ dir: string; files: number }>;
}

export interface InitOptions {
  root: string;
  configFile?: string;
  cache?: boolean;
}

const STORY = /stories/;

/** Runs a scan of the root and reads what it inferred. */
export function inferProject(options: InitOptions): InitReport {
  const cache = options.cache ?? true;
  const out = scan({ root: options.root, ...(options.configFile ? { configFile: options.configFile } : {}), cache });
  const { result, config } = out;
  // the settings the scan used (memoised on disk by the scan, so this is a read)
  const { settings } = cache
    ? memoizedCheckSettings(options.root, config, resolve(options.root, config.cacheDir))
    : buildCheckSettings(options.root, config);
  const ds = designSystemOf(settings);
  const tokens = (settings.tokens as TokenSettings | undefined) ?? null;
  const adoption = result.metrics['design-system-adoption'] as { inferred?: string } | undefined;

  const perFile = new Map<string, number>();
  for (const t of tokens?.tokens ?? []) perFile.set(t.file, (perFile.get(t.file) ?? 0) + 1);
  const drift = result.metrics['pattern-drift'] as { roles?: Record<string, RoleConventions> } | undefined;
  const conventions = Object.values(drift?.roles ?? {})
    .filter((r) => r.convention)
    .map((r) => ({ role: r.role, title: r.title, choice: r.convention!.label, files: r.convention!.files, share: r.convention!.share }))
    .sort((a, b) => (a.role < b.role ? -1 : 1));

  const paths = out.facts.map((f) => f.path);
  const globCounts = config.testFiles.map((glob) => ({ glob, files: paths.filter(globMatcher([glob])).length })).filter((g) => g.files > 0);
  const generatedDirs = new Map<string, number>();
  for (const s of result.skipped) {
    if (!/^generated/.test(s.reason)) continue;
    const dir = posix.dirname(s.file).split('/').slice(0, 3).join('/');
    generatedDirs.set(dir, (generatedDirs.get(dir) ?? 0) + 1);
  }
  return {
    root: options.root,
    configFile: config.file ? relative(options.root, config.file) || config.file : null,
    summary: adoption?.inferred ?? inferredSummary(ds, tokens),
    designSystem: {
      source: ds?.source ?? 'none',
      systems: ds?.systems ?? [],
      elements: Object.fromEntries(Object.entries(ds?.elements ?? {}).map(([el, c]) => [el, `${c.component} (${c.importFrom})`])),
      migrations: ds?.migrations ?? [],
      adoption: result.summary.designSystemAdoption,
    },
    tokens: {
      total: tokens?.tokens.length ?? 0,
      sources: [...perFile].map(([file, n]) => ({ file, tokens: n })).sort((a, b) => b.tokens - a.tokens || (a.file < b.file ? -1 : 1)),
      tailwind: tokens?.tailwind ? `v${(tokens.tailwind as { version?: number }).version ?? '?'}` : null,
    },
    conventions,
    testFiles: globCounts.filter((g) => !STORY.test(g.glob)),
    storyFiles: globCounts.filter((g) => STORY.test(g.glob)),
    generated: [...generatedDirs].map(([dir, files]) => ({ dir, files })).sort((a, b) => b.files - a.files),
  };
}

/** The plumbline.config.json that pins what was inferred: the design system, its element mapping, the token files. */
export function configFromReport(r: InitReport): Record<string, unknown> {
  const packages: string[] = [];
  const paths: string[] = [];
  for (const s of r.designSystem.systems) {
    if (s.importers === 0 && r.designSystem.systems.length > 1) continue;
    if (s.kind === 'npm' || s.kind === 'workspace') packages.push(s.name);
    else if (s.kind === 'config' && !s.name.includes('/') && !existsSync(join(r.root, s.name))) packages.push(s.name);
    else paths.push(s.name);
  }
  const config: Record<string, unknown> = { $schema: './node_modules/@plumbline/core/schema/config.schema.json' };
  if (packages.length || paths.length) {
    const elements = Object.fromEntries(Object.entries(r.designSystem.elements).map(([el, c]) => [el, c.replace(/ \(.*$/, '')]));
    config.designSystem = {
      ...(packages.length ? { packages } : {}),
      ...(paths.length ? { paths } : {}),
      ...(Object.keys(elements).length ? { elements } : {}),
    };
  }
  if (r.tokens.sources.length) config.tokens = r.tokens.sources.map((s) => s.file).sort();
  return config;
}

/** Writes plumbline.config.json unless one exists (then only with force); says what it did. */
export function writeConfig(root: string, config: Record<string, unknown>, force: boolean): { file: string; written: boolean } {
  const file = join(root, 'plumbline.config.json');
  if (existsSync(file) && !force) return { file, written: false };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { file, written: true };
}
