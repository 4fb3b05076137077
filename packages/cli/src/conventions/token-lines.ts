import { cssNameOf, jsAccessor, tokenSettingsOf } from '@plumbline/core';
import type { DesignToken, TokenSettings } from '@plumbline/core';
import type { Analysis } from './analysis.js';
import { dataOf } from './analysis.js';
import { code, listOf, plural } from './lines.js';
import type { ConventionLine } from './lines.js';

/** Token families a conventions line is written for, with how the line names them and the literals they replace. */
export const TOKEN_FAMILIES: ReadonlyArray<{ family: string; title: string; literals: string; utility?: string }> = [
  { family: 'color', title: 'Colors', literals: 'hex, rgb() or hsl() literals', utility: 'bg' },
  { family: 'spacing', title: 'Spacing', literals: 'pixel or rem literals', utility: 'p' },
  { family: 'radius', title: 'Radii', literals: 'literal radii', utility: 'rounded' },
  { family: 'font-size', title: 'Font sizes', literals: 'literal font sizes', utility: 'text' },
  { family: 'font-weight', title: 'Font weights', literals: 'numeric weights', utility: 'font' },
  { family: 'line-height', title: 'Line heights', literals: 'literal line heights', utility: 'leading' },
  { family: 'shadow', title: 'Shadows', literals: 'literal shadows', utility: 'shadow' },
  { family: 'z-index', title: 'Z-indexes', literals: 'numeric z-indexes', utility: 'z' },
  { family: 'duration', title: 'Durations', literals: 'literal durations', utility: 'duration' },
];

/** Families that Tailwind's default scale is not said to cover. */
const OUTSIDE_CLASSES = new Set(['duration', 'z-index', 'shadow']);

/** Hard-coded style values counted per token family in the analysed files (what the tokens are for). */
function valuesByFamily(analysis: Analysis): Map<string, { values: number; files: number }> {
  const out = new Map<string, { values: number; files: number }>();
  for (const f of analysis.facts) {
    if (f.isTestFile) continue;
    const seen = new Set<string>();
    for (const v of dataOf<{ values: Array<{ atom: { family: string } }> }>(f, 'style-values')?.values ?? []) {
      const fam = v.atom.family === 'inset' ? 'spacing' : v.atom.family;
      const e = out.get(fam) ?? { values: 0, files: 0 };
      e.values++;
      if (!seen.has(fam)) {
        seen.add(fam);
        e.files++;
      }
      out.set(fam, e);
    }
  }
  return out;
}

/**
 * The token a line shows as its example: the first semantic alias (by path) when the family has any,
 * else the middle step of the scale (not its `0` or its largest value).
 */
function exampleOf(tokens: readonly DesignToken[]): DesignToken {
  const byPath = (a: DesignToken, b: DesignToken) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const semantic = tokens.filter((t) => t.aliasOf).sort(byPath);
  if (semantic.length) return semantic[0]!;
  const num = (t: DesignToken) => parseFloat(t.value);
  const scale = [...tokens].sort((a, b) => (num(a) || 0) - (num(b) || 0) || byPath(a, b));
  return scale[Math.floor((scale.length - 1) / 2)]!;
}

/** How this codebase writes a token, one phrase per way it can be written (its variable, its Tailwind class, its JS path). */
export function writeForms(
  tokens: readonly DesignToken[],
  utility: string | undefined,
  all: readonly DesignToken[] = tokens,
  classesFirst = false,
  /** the tokens the variable example is taken from (the main package's) */
  main: readonly DesignToken[] = tokens,
): string[] {
  const forms: string[] = [];
  const withVar = (main.some((t) => t.cssVar) ? main : tokens).filter((t) => t.cssVar);
  if (withVar.length) {
    const t = exampleOf(withVar);
    // bare color channels (`--muted: 210 40% 96%`) are a color only inside hsl()/rgb(): known from any theme's value of the variable
    const channels = t.channels ?? all.find((x) => x.cssVar === t.cssVar && x.channels)?.channels;
    forms.push(`${code(channels ? `${channels}(var(${t.cssVar}))` : `var(${t.cssVar})`)} in CSS and style objects`);
  }
  const own = (list: readonly DesignToken[]) => list.filter((t) => t.tailwind && t.file !== 'tailwind:defaults');
  const tailwind = own(main).length ? own(main) : own(tokens);
  if (tailwind.length && utility) {
    const t = [...tailwind].sort((a, b) => (a.path < b.path ? -1 : 1))[0]!;
    forms[classesFirst ? 'unshift' : 'push'](
      `${code(t.tailwind!.key === 'DEFAULT' ? utility : `${utility}-${t.tailwind!.key}`)} in class names`,
    );
  }
  const scss = tokens.filter((t) => t.scssVar && !t.cssVar);
  if (scss.length) forms.push(`${code(exampleOf(scss).scssVar!)} in Sass`);
  const js = tokens.filter((t) => !t.cssVar && !t.scssVar && !t.tailwind && /\.[cm]?[jt]sx?$/.test(t.file));
  if (js.length) {
    const t = [...js].sort((a, b) => (a.path < b.path ? -1 : 1))[0]!;
    forms.push(`${code(jsAccessor(t.path))} from the theme object in ${code(t.file)}`);
  }
  return forms;
}

/**
 * In a monorepo whose packages define tokens of their own, the tokens of the package with the most
 * analysed files: the examples show what most of the code writes (formbricks' app, not its survey embed).
 */
function mainPackageTokens(tokens: readonly DesignToken[], analysis: Analysis): DesignToken[] {
  const dirs = [...new Set(tokens.map((t) => t.pkg ?? ''))];
  if (dirs.length <= 1) return [...tokens];
  const filesUnder = (dir: string) => analysis.paths.filter((p) => dir === '' || p.startsWith(`${dir}/`)).length;
  const weights = new Map(dirs.map((d) => [d, filesUnder(d)]));
  const best = [...dirs].sort((a, b) => weights.get(b)! - weights.get(a)! || (a < b ? -1 : 1))[0]!;
  return tokens.filter((t) => (t.pkg ?? '') === best);
}

/**
 * The tokens of a family that a line is about: the project's own when it has any, else Tailwind's default
 * scale; never those of a docs site or an example (scoped to their folder) or of another theme.
 */
function familyTokens(settings: TokenSettings, family: string): DesignToken[] {
  const all = settings.tokens.filter((t) => t.family === family && !t.mode && !t.scope);
  const own = all.filter((t) => t.file !== 'tailwind:defaults');
  return own.length ? own : settings.tailwind ? all : [];
}

/** One line per token family the project defines: where the tokens are, how to write one, what not to write. */
export function tokenLines(analysis: Analysis): ConventionLine[] {
  const settings = tokenSettingsOf(analysis.settings);
  if (!settings || settings.tokens.length === 0) return [];
  const values = valuesByFamily(analysis);
  // a codebase styled with Tailwind writes its tokens as classes first
  const styling = (
    analysis.result.metrics['pattern-drift'] as { roles?: Record<string, { convention?: { choice: string } | null }> } | undefined
  )?.roles?.styling?.convention?.choice;
  const tailwindStyled = styling === 'tailwind';
  const lines: ConventionLine[] = [];
  for (const fam of TOKEN_FAMILIES) {
    const tokens = familyTokens(settings, fam.family);
    // a scale of one or two values is no scale to write with
    if (new Set(tokens.map((t) => t.value)).size < 3) continue;
    const v = values.get(fam.family) ?? { values: 0, files: 0 };
    const files = [...new Set(tokens.map((t) => t.file))].sort();
    const where = files.filter((f) => f !== 'tailwind:defaults');
    const example = exampleOf(tokens);
    const measured = `; ${plural(v.values, 'hard-coded value')} of the family in ${plural(v.files, 'file')}`;
    if (where.length === 0) {
      // Tailwind's default scale only: its classes are the tokens, in a codebase styled with Tailwind; not for
      // durations and stacking, which animation libraries and overlays set outside classes (dub: framer-motion's `duration: 0.2`)
      if (!fam.utility || !example.tailwind || !tailwindStyled || OUTSIDE_CLASSES.has(fam.family)) continue;
      const cls = `${fam.utility}-${example.tailwind.key}`;
      lines.push({
        section: 'tokens',
        key: `tokens:${fam.family}`,
        text: `${fam.title}: use Tailwind's scale (${code(cls)}), not arbitrary values like ${code(`${fam.utility}-[…]`)} or ${fam.literals}.`,
        weight: v.values,
        fact: `no ${fam.family} tokens of the project; Tailwind ${settings.tailwind?.version ?? ''} is used, its default scale has ${plural(tokens.length, 'step')}${measured}`,
      });
      continue;
    }
    const forms = writeForms(tokens, fam.utility, settings.tokens, tailwindStyled, mainPackageTokens(tokens, analysis));
    if (!forms.length) continue;
    lines.push({
      section: 'tokens',
      key: `tokens:${fam.family}`,
      text: `${fam.title}: use the design tokens (${listOf(where.map(code), 3)}), written as ${listOf(forms)}; no ${fam.literals}.`,
      weight: v.values + tokens.length,
      fact:
        `${plural(tokens.length, `${fam.family} token`)} from ${files.join(', ')}` +
        ` (e.g. ${example.path} = ${example.value}${example.cssVar ? `, --${cssNameOf(example)}` : ''})${measured}`,
    });
  }
  return lines;
}
