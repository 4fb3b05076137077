/**
 * The workspace modules a Tailwind v3 config takes its theme from, and the lengths its keys compute. Read
 * statically: nothing here is executed.
 */
import { readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { PackageManifest } from './packages.js';

/** How many preset modules a project's Tailwind configs may pull in. */
export const MAX_PRESET_FILES = 10;
const MODULE_EXTENSIONS = ['', '.cjs', '.js', '.mjs', '.ts', '.cts', '.mts'];

/** A config, or its theme, that a function call returns (`module.exports = uiConfig({...})`, `theme: deepMerge(a, b)`). */
const BUILT_BY_CALL = /(\bmodule\.exports\s*=|\bexport\s+default|\btheme\s*:)\s*[\w$.]+\s*\(/;

/**
 * The workspace files a Tailwind config's theme can come from: its relative and workspace-package imports, when
 * it names `presets`, or when it or its theme is what a function call returns. A config built by calling a function of
 * a workspace module (teable's `module.exports = uiConfig({...})`, whose wrapper deep-merges the UI package's
 * config, whose `theme` is in turn a `deepMerge` of a shadcn config) is read through the modules it imports:
 * otherwise Tailwind's defaults would stand where that theme overrides them (`rounded-sm` offered for 2px where
 * the theme's `sm` is `calc(var(--radius) - 4px)`, judged wrong twice).
 */
export function presetFiles(root: string, source: string, file: string, packages: readonly PackageManifest[]): string[] {
  if (!/\bpresets\s*:/.test(source) && !BUILT_BY_CALL.test(source)) return [];
  const out: string[] = [];
  for (const m of source.matchAll(/(?:require\(\s*|\bfrom\s+)['"]([^'"]+)['"]/g)) {
    const f = resolveWorkspaceModule(root, file, m[1]!, packages);
    if (f && f !== file && !out.includes(f)) out.push(f);
  }
  return out;
}

function resolveWorkspaceModule(root: string, from: string, spec: string, packages: readonly PackageManifest[]): string | null {
  let base: string;
  if (spec.startsWith('.')) base = posix.join(posix.dirname(from), spec);
  else {
    const p = packages.find((x) => x.name && (spec === x.name || spec.startsWith(`${x.name}/`)));
    if (!p) return null;
    base = posix.join(p.dir, spec.slice(p.name!.length));
  }
  const isFile = (f: string) => {
    try {
      return statSync(resolve(root, f)).isFile();
    } catch {
      return false;
    }
  };
  for (const ext of MODULE_EXTENSIONS) if (isFile(base + ext)) return posix.normalize(base + ext);
  try {
    const main = (JSON.parse(readFileSync(resolve(root, base, 'package.json'), 'utf8')) as { main?: unknown }).main;
    if (typeof main === 'string' && isFile(posix.join(base, main))) return posix.normalize(posix.join(base, main));
  } catch {
    // not a package folder
  }
  for (const ext of MODULE_EXTENSIONS.slice(1)) if (isFile(`${base}/index${ext}`)) return posix.normalize(`${base}/index${ext}`);
  return null;
}

const CALC = /^calc\(\s*(-?\d*\.?\d+)(px|rem)\s*([+-])\s*(-?\d*\.?\d+)(px|rem)\s*\)$/;

/**
 * A theme length computed from two lengths, once its variable is substituted (shadcn's `calc(var(--radius) -
 * 2px)` with `--radius: 0.5rem` is 6px): its value in px, so that `rounded-[6px]` is still `rounded-md` there.
 * Anything else is returned as it is.
 */
export function lengthCalc(value: string | null): string | null {
  const m = value === null ? null : CALC.exec(value.trim());
  if (!m) return value;
  const px = (n: string, unit: string) => Number(n) * (unit === 'rem' ? 16 : 1);
  const total = px(m[1]!, m[2]!) + (m[3] === '-' ? -1 : 1) * px(m[4]!, m[5]!);
  return total > 0 ? `${Math.round(total * 1000) / 1000}px` : value;
}
