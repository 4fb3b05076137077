import { defineCheck } from '../check.js';
import type { CheckReport, CheckSettings, CheckSuggestion, TextEdit } from '../check.js';
import type { ColorDistanceMethod } from '../color.js';
import { lengthInPx } from '../css-value.js';
import type { PropertyFamily } from '../css-value.js';
import { designSystemOf } from '../design-system.js';
import { collectTsStyleValues } from '../tokens/collect.js';
import { collectLooseColors, tokenPalettesOnly } from '../tokens/loose.js';
import type { StyleOccurrence } from '../tokens/collect.js';
import { DARK_SCOPE, DEFAULT_MATCH_OPTIONS, judgeAtom, replacementFor, tokenIndex, tokenLabel, tokenSettingsOf } from '../tokens/match.js';
import type { Candidate, MatchOptions, Replacement, Verdict } from '../tokens/match.js';
import type { DesignToken, TokenSettings } from '../tokens/types.js';
import { inScopes } from '../tokens/length-style.js';
import { isEmailTemplatePath, isIllustrationFile, isPlaygroundFile, tokenlessScriptReason } from '../tokens/places.js';
import type { RelatedLocation } from '../finding.js';
import {
  addsTypeStyle,
  followsThemeUnlikeLiteral,
  isRegistryVendoredFile,
  isShowcaseRoute,
  isUiDrawing,
  mirrorsGeometryConstant,
  offeredClassPresent,
  offRootFontSize,
  sizesIconOnly,
} from '../tokens/style-gates.js';

export { isUiDrawing };

export interface Options {
  /** `confident` (default): only the classes of findings reviewers keep (see `isConfidentFinding`); `all`: every exact, near (and with `offScale`, off-scale) value */
  report: 'confident' | 'all';
  /** treat CSS named colors (`red`, `white`) as hard-coded colors */
  namedColors: boolean;
  /** report values near no token ("off-scale") as well as exact and near matches */
  offScale: boolean;
  /** report near misses of length, number and time scales (`18px` between the 16px and 20px tokens) */
  nearScale: boolean;
  /** how color distance is measured */
  colorDistance: ColorDistanceMethod;
  /** colors within this distance (ΔE00 units) of a token are near misses */
  nearColorDistance: number;
}
export type MessageIds = 'exactToken' | 'exactTokens' | 'nearToken' | 'themeToken' | 'offScale' | 'useToken';

/**
 * Exact values and near colours by default: of the ledger's judged findings, near misses of lengths were right
 * 1 time in 16 (a `text-[13px]` or `rounded-[10px]` is a chosen size) and off-scale values were mostly wrong.
 */
export const DEFAULT_OPTIONS: Options = {
  report: 'confident',
  namedColors: false,
  offScale: false,
  nearScale: false,
  colorDistance: 'ciede2000',
  nearColorDistance: 5,
};

const GENERATED = /@generated|\bauto-?generated\b|\bDO NOT EDIT\b/i;

const FAMILY_WORDS: Record<PropertyFamily, string> = {
  color: 'color',
  spacing: 'spacing',
  inset: 'spacing',
  sizing: 'size',
  radius: 'radius',
  'font-size': 'font-size',
  'line-height': 'line-height',
  'letter-spacing': 'letter-spacing',
  'font-weight': 'font-weight',
  'z-index': 'z-index',
  shadow: 'shadow',
  duration: 'duration',
  easing: 'easing',
  breakpoint: 'breakpoint',
};

/** What a surface reports for one occurrence: the message, its data, the autofix and the suggestions. */
export interface StyleValueReport {
  messageId: Exclude<MessageIds, 'useToken'>;
  data: Record<string, string>;
  fix?: TextEdit[];
  suggestions: CheckSuggestion[];
  effortMinutes: number;
  fingerprintCode: string;
}

/**
 * The findings reported by default (`report: "confident"`): the classes of the precision ledger's judged findings
 * (tuned repositories, 5e82834) that a reviewer of the codebase keeps.
 * - An arbitrary Tailwind value equal to a step of the project's own scale, not a colour (`h-[14px]` -> `h-3.5`,
 *   `max-w-[240px]` -> `max-w-60`, `z-[10]` -> `z-10`), one step or several keys of the same value (`text-xs` and a
 *   project's `text-tremor-label`), except 1-2px offsets (`isOpticalNudge`) and stock shadcn files: on the strict
 *   scans at 5b7bf95 with the gates of 2026-12-07, 146 right of 168 judged in 13 tuned repositories (openstatus 0
 *   of 9: its judges called exact swaps "a trivial nit"; the others 146 of 159).
 * - A colour in a style object written whole, equal to the default-theme value of exactly one CSS custom property
 *   that holds the colour itself (`style={{ color: '#dc2626' }}` with `--color-danger: #dc2626`): 0 right of 1 judged
 *   (a semantic mismatch, debatable); kept because the replacement `var(--x)` is certain and the class is rare
 *   (3 findings on 18 repositories).
 * Left to `report: "all"`: several tokens of one colour or of one value in a style (1 right of 12 judged: the token
 * named is a coincidence of value), near colours (1 of 15), values of another theme (0 of 4), exact colours in class names, stylesheets and
 * fallbacks (0 of 3), stylesheet lengths (5 of 8: a variable defined under a container is out of scope outside it).
 */
export function isConfidentFinding(occ: StyleOccurrence, verdict: Verdict): boolean {
  if (verdict.kind !== 'exact' || occ.loose) return false;
  const tokens = verdict.tokens;
  if (occ.context === 'className') {
    if (isOpticalNudge(occ)) return false;
    // several Tailwind keys of one length, one of them Tailwind's own step (`text-[12px]` with `fontSize.xs` and a
    // project's `fontSize.tremor-label`): the value is on the scale whichever is named. Only project keys
    // (`--text-h1-bold`, `--text-h1-medium` at 2rem) are styles of a type ramp, each with its weight and leading: a
    // title's `text-[2rem] leading-[2.375rem]` mirroring an editor's typography is none of them (judged wrong).
    const onScale = tokens.length === 1 || tokens.some((t) => t.file === 'tailwind:defaults');
    return onScale && !!occ.tailwind?.utility && occ.atom.family !== 'color' && tokens.every((t) => !!t.tailwind && !t.js);
  }
  if (occ.context !== 'object' || occ.atom.family !== 'color' || !occ.literal?.whole) return false;
  // one CSS variable holding the colour itself (a DTCG file defining the same token beside it is the same token)
  const vars = new Set(tokens.filter((t) => t.cssVar && !t.channels && !t.mode && !t.darkUnknown).map((t) => t.cssVar));
  return vars.size === 1 && tokens.every((t) => (t.cssVar ? vars.has(t.cssVar) : !t.tailwind && !t.js));
}

/**
 * A 1-2px offset of a positioned element (`top-[1px]` on a caret, `-inset-[2px]` behind a border): an optical
 * nudge, whatever the scale has (`top-px`); near misses of the same size are never reported either. Of the
 * ledger's judged findings (tuned), 3 debatable of 3 (openstatus's carets, "a trivial nit"); margins and sizes
 * of 1-2px (`-mt-[1px]` collapsing grid borders, `h-[1px]` rules, `w-[2px]` bars) are kept: 15 right of 18.
 */
function isOpticalNudge(occ: StyleOccurrence): boolean {
  const px = occ.atom.number !== undefined && occ.atom.unit ? lengthInPx({ number: occ.atom.number, unit: occ.atom.unit }) : null;
  return occ.atom.family === 'inset' && px !== null && Math.abs(px) <= 2;
}

/**
 * An arbitrary length in a Tailwind build whose spacing and size classes are mostly arbitrary lengths
 * (`TokenSettings.arbitraryLengthScopes`, tokens/length-style.ts), or an arbitrary font weight there: the arbitrary value is the house style, and the
 * exact swap (`gap-[12px]` -> `gap-3`) a nit there (postiz-app: 63 judged, 0 right, all debatable).
 */
function arbitraryLengthHouseStyle(tokens: TokenSettings, filePath: string, occ: StyleOccurrence): boolean {
  return occ.context === 'className' && LENGTH_FAMILIES.has(occ.atom.family) && inScopes(tokens.arbitraryLengthScopes, filePath);
}
// font weights too: `font-[600]` beside `text-[14px] mb-[16px]` is the same habit (postiz-app: 6 judged, all "a house-style nit")
const LENGTH_FAMILIES = new Set<PropertyFamily>([
  'spacing',
  'inset',
  'sizing',
  'radius',
  'font-size',
  'line-height',
  'letter-spacing',
  'font-weight',
]);

/** Token values longer than this are shortened in messages (layered shadows). */
const MAX_VALUE_LABEL = 40;

function tokenValueLabel(t: DesignToken): string {
  return t.value.length > MAX_VALUE_LABEL ? `${t.value.slice(0, MAX_VALUE_LABEL - 3)}...` : t.value;
}

/** The edit that puts a replacement in place of an occurrence, or null when it cannot be placed. */
function editFor(
  occ: StyleOccurrence,
  token: DesignToken,
  templates: TokenSettings['templates'],
): { edit: TextEdit; replacement: Replacement } | null {
  const ctx = occ.context;
  if (ctx === 'className') {
    const tw = occ.tailwind;
    if (!tw || !tw.utility) return null;
    const r = replacementFor(token, ctx, templates, { utility: tw.utility, whole: tw.whole });
    return r ? { edit: { start: tw.start, end: tw.end, text: r.text }, replacement: r } : null;
  }
  if (ctx === 'object' || ctx === 'native') {
    const lit = occ.literal;
    if (!lit) return null;
    const r = replacementFor(token, ctx, templates, { whole: lit.whole, quote: lit.quote === '`' ? "'" : lit.quote });
    if (!r) return null;
    return lit.whole
      ? { edit: { start: lit.start, end: lit.end, text: r.text }, replacement: r }
      : { edit: { start: occ.atom.start, end: occ.atom.end, text: r.text }, replacement: r };
  }
  if (occ.property === '@media') return null; // media queries cannot use var()
  const r = replacementFor(token, ctx, templates);
  return r ? { edit: { start: occ.atom.start, end: occ.atom.end, text: r.text }, replacement: r } : null;
}

/**
 * Turns a verdict on one occurrence into a report: shared by the ESLint rule, `scan` on TS files and the
 * CSS-file detector, so every surface says the same thing.
 */
export function describeStyleValue(occ: StyleOccurrence, verdict: Verdict, settings: TokenSettings): StyleValueReport {
  const value = occ.atom.text;
  const family = FAMILY_WORDS[occ.atom.family];
  const fingerprintCode = `${occ.property}:${occ.atom.key}`;
  const suggestion = (c: { token: DesignToken; label: string }): CheckSuggestion | null => {
    const e = editFor(occ, c.token, settings.templates);
    if (!e) return null;
    return {
      messageId: 'useToken',
      data: { replacement: e.replacement.text, token: tokenLabel(c.token), distance: c.label },
      edits: [e.edit],
    };
  };
  const candidateText = (c: Candidate) => `\`${tokenLabel(c.token)}\` (${tokenValueLabel(c.token)}, ${c.label})`;
  if (verdict.kind === 'exact') {
    const tokens = verdict.tokens;
    const first = tokens[0]!;
    if (tokens.length === 1) {
      // the fallback of reading the variable itself: the token is named, a var() in its place would be circular
      const e = occ.loose === 'fallback' ? null : editFor(occ, first, settings.templates);
      return {
        messageId: 'exactToken',
        data: { value, token: tokenLabel(first), replacement: e ? e.replacement.text : tokenLabel(first) },
        // outside style sites the value may leave the page's CSS (a chart library, a canvas): suggested, never fixed
        ...(e?.replacement.certain && !occ.loose ? { fix: [e.edit] } : {}),
        suggestions: e && (!e.replacement.certain || occ.loose) ? [suggestion({ token: first, label: 'same value' })!] : [],
        effortMinutes: 2,
        fingerprintCode,
      };
    }
    const shown = tokens.slice(0, 3);
    return {
      messageId: 'exactTokens',
      data: {
        value,
        tokens: shown.map((t) => `\`${tokenLabel(t)}\``).join(', ') + (tokens.length > 3 ? ` and ${tokens.length - 3} more` : ''),
      },
      suggestions: shown.map((t) => suggestion({ token: t, label: 'same value' })).filter((s): s is CheckSuggestion => !!s),
      effortMinutes: 2,
      fingerprintCode,
    };
  }
  if (verdict.kind === 'theme') {
    return {
      messageId: 'themeToken',
      data: { value, candidates: verdict.candidates.map((c) => `\`${tokenLabel(c.token)}\` (${c.label})`).join(', ') },
      suggestions: verdict.candidates.map(suggestion).filter((s): s is CheckSuggestion => !!s),
      effortMinutes: 5,
      fingerprintCode,
    };
  }
  if (verdict.kind === 'near') {
    return {
      messageId: 'nearToken',
      data: { value, family, candidates: verdict.candidates.map(candidateText).join(', ') },
      suggestions: verdict.candidates.map(suggestion).filter((s): s is CheckSuggestion => !!s),
      effortMinutes: 5,
      fingerprintCode,
    };
  }
  return {
    messageId: 'offScale',
    data: { value, family, nearest: closeEnough(verdict.nearest) ? ` (nearest ${candidateText(verdict.nearest!)})` : '' },
    suggestions: [],
    effortMinutes: 10,
    fingerprintCode,
  };
}

/** shadcn/ui's registry components, as `npx shadcn add` writes them (kebab-case file names). */
const SHADCN_COMPONENTS = new Set(
  (
    'accordion alert alert-dialog aspect-ratio avatar badge breadcrumb button button-group calendar card carousel chart ' +
    'checkbox collapsible combobox command context-menu dialog drawer dropdown-menu empty field form hover-card input ' +
    'input-group input-otp item kbd label menubar navigation-menu pagination popover progress radio-group resizable ' +
    'scroll-area select separator sheet sidebar skeleton slider sonner spinner switch table tabs textarea toast toaster ' +
    'toggle toggle-group tooltip'
  ).split(' '),
);

/**
 * shadcn's template for a Radix-based primitive: `import * as SelectPrimitive from "@radix-ui/react-select"` (v3),
 * `import { Select as SelectPrimitive } from "radix-ui"` (v4). Team-written wrappers name the import otherwise.
 */
const SHADCN_RADIX_IMPORT =
  /import\s+\*\s+as\s+\w+Primitives?\s+from\s+['"]@radix-ui\/react-|import\s*\{[^}]*\bas\s+\w+Primitive\b[^}]*\}\s*from\s*['"]radix-ui['"]/;

/**
 * A stock shadcn primitive (`ui/calendar.tsx`, `primitives/select.tsx`): shadcn's own source copied in
 * (`text-[0.8rem]`, `min-w-[8rem]`); rewriting vendored lines is churn with no visible gain. Known by the
 * directory a `components.json` names, or, where there is none (documenso's `packages/ui/primitives`), by a
 * registry name and shadcn's Radix import. Of the ledger's judged findings in files of either kind (tuned
 * repositories), 1 of 17 was right (10 wrong: vendored lines; 6 debatable: template values, a `z-[61]` over a
 * sticky header); the Radix import adds documenso's `primitives/sheet.tsx` and dub's `popover.tsx` (both
 * debatable) and drops no right one.
 * The team's own components in that directory or below it are checked.
 */
function isStockShadcnFile(settings: CheckSettings, path: string, text: string): boolean {
  const ds = designSystemOf(settings);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const name = path.slice(slash + 1).replace(/\.[jt]sx?$/, '');
  if (!SHADCN_COMPONENTS.has(name)) return false;
  if (SHADCN_RADIX_IMPORT.test(text.slice(0, 4000))) return true;
  // the directory may be a system of its own, or lie inside a workspace design-system package (`packages/ui`)
  return !!ds?.shadcnDirs?.includes(dir) || (ds?.systems ?? []).some((s) => s.kind === 'shadcn' && s.name.replace(/\/$/, '') === dir);
}

/**
 * Tokens that a class writes the same way are one token: Tailwind v4's `--text-xs` in a project's `@theme` and the
 * default scale's `fontSize.xs` are both `text-xs` (unkey: `text-[12px]` was "design tokens `fontSize.xs`,
 * `--text-xs`: use one of them" 38 times, never fixed).
 */
function oneClassVerdict(occ: StyleOccurrence, verdict: Verdict): Verdict {
  if (occ.context !== 'className' || verdict.kind !== 'exact' || verdict.tokens.length < 2) return verdict;
  const classes = new Set(verdict.tokens.map((t) => (t.tailwind && !t.js ? `${t.tailwind.namespace}\0${t.tailwind.key}` : null)));
  return classes.size === 1 && !classes.has(null) ? { kind: 'exact', tokens: [verdict.tokens[0]!] } : verdict;
}

/** The verdict on one occurrence, in the theme its class variants name (`dark:`). */
function judgeOccurrence(
  occ: StyleOccurrence,
  text: string,
  index: ReturnType<typeof tokenIndex>,
  matchOptions: MatchOptions,
  filePath: string,
): { dark: boolean; verdict: Verdict | null } {
  const dark = !!occ.tailwind && DARK_SCOPE.test(classWithVariants(text, occ.tailwind.end));
  const judged = judgeAtom(index, occ.atom, occ.context, matchOptions, {
    ...(occ.tailwind?.namespace ? { namespace: occ.tailwind.namespace } : {}),
    ...(occ.tailwind ? { utility: occ.tailwind.utility } : {}),
    filePath,
    property: occ.property,
    ...(dark ? { theme: 'dark' as const } : {}),
  });
  // a literal outside style sites is the token written by hand only when it is the token's very value; a
  // fallback only when it is the value of the variable it stands in for
  return { dark, verdict: judged && (occ.reads ? fallbackVerdict(judged, occ.reads) : oneClassVerdict(occ, judged)) };
}

/** A fallback after reading a variable names that variable, and only when it is that variable's value. */
function fallbackVerdict(verdict: Verdict, variable: string): Verdict | null {
  const own = verdict.kind === 'exact' ? verdict.tokens.filter((t) => t.cssVar === variable) : [];
  return own.length ? { kind: 'exact', tokens: own } : null;
}

/** The whole class (variants included: `dark:hover:bg-[#111]`) that ends at `end`. */
function classWithVariants(text: string, end: number): string {
  return (
    text
      .slice(Math.max(0, end - 120), end)
      .split(/[\s'"`]/)
      .pop() ?? ''
  );
}

/** A nearest color within this ΔE is worth naming for an off-scale value; a farther one is a different color. */
const NAMED_NEAREST_DELTA_E = 10;

/**
 * Whether an off-scale value's nearest token is worth naming: colors within ΔE 10 only; never a length, a
 * z-index or a number (off the scale means more than a step away, and "9949 off" helps nobody).
 */
function closeEnough(c: Candidate | null): boolean {
  return !!c && c.token.family === 'color' && c.distance <= NAMED_NEAREST_DELTA_E;
}

export function matchOptionsOf(options: Partial<Options>): MatchOptions {
  return {
    colorDistance: options.colorDistance ?? DEFAULT_MATCH_OPTIONS.colorDistance,
    nearColorDistance: options.nearColorDistance ?? DEFAULT_MATCH_OPTIONS.nearColorDistance,
    offScale: options.offScale ?? DEFAULT_OPTIONS.offScale,
    nearScale: options.nearScale ?? DEFAULT_OPTIONS.nearScale,
  };
}

export const MESSAGES: Record<MessageIds, string> = {
  exactToken: '`{{value}}` is the value of design token `{{token}}`: use `{{replacement}}`.',
  exactTokens: '`{{value}}` is the value of design tokens {{tokens}}: use one of them.',
  nearToken: '`{{value}}` is not on the {{family}} scale; nearest tokens: {{candidates}}.',
  themeToken:
    '`{{value}}` is the value of {{candidates}} in another theme only: use the token where it should follow the theme, or a token of this theme.',
  offScale: '`{{value}}` matches no {{family}} token{{nearest}}: use a token of the scale, or add one to the design system.',
  useToken: 'Use `{{replacement}}` ({{token}}, {{distance}}).',
};

export const hardCodedStyleValue = defineCheck<Options, MessageIds>({
  meta: {
    id: 'hard-coded-style-value',
    category: 'magic-value',
    description:
      'Reports colors, spacing, font sizes, radii, shadows, z-indexes and durations written as literals where the project has design tokens, with the token to use.',
    defaultEffortMinutes: 5,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'file',
    fixable: 'code',
    hasSuggestions: true,
    messages: MESSAGES,
    defaultOptions: DEFAULT_OPTIONS,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        report: {
          enum: ['confident', 'all'],
          description:
            'confident (default): only arbitrary Tailwind values equal to a step of the project scale (not colours) and whole colours in style objects equal to one CSS variable; all: every exact and near value (and off-scale ones with offScale).',
        },
        namedColors: { type: 'boolean', description: 'Treat CSS named colors (red, white, ...) as hard-coded colors. Default false.' },
        offScale: {
          type: 'boolean',
          description: 'Report values near no token (off the scale), not only exact and near matches. Default false.',
        },
        nearScale: {
          type: 'boolean',
          description:
            'Report near misses of length, number and time scales (18px between the 16px and 20px tokens), not only exact values. Default false.',
        },
        colorDistance: {
          enum: ['ciede2000', 'oklab'],
          description: 'How color distance is measured: CIEDE2000 (ΔE00) or OKLab (scaled by 100). Default ciede2000.',
        },
        nearColorDistance: {
          type: 'number',
          minimum: 0,
          description: 'Colors within this distance of a token are near misses (suggested); farther ones are off the palette. Default 5.',
        },
      },
    },
  },
  run(ctx) {
    const tokens = tokenSettingsOf(ctx.settings);
    if (!tokens || tokens.tokens.length === 0 || ctx.isTestFile) return;
    if (tokens.files.includes(ctx.filePath)) return; // a token file defines values
    const text = ctx.sourceFile.text;
    if (
      GENERATED.test(text.slice(0, 1000)) ||
      isPlaygroundFile(ctx.filePath) ||
      isIllustrationFile(ctx.filePath) ||
      isEmailTemplatePath(ctx.filePath) ||
      isShowcaseRoute(ctx.filePath) ||
      isStockShadcnFile(ctx.settings, ctx.filePath, text) ||
      isRegistryVendoredFile(ctx.filePath) ||
      isUiDrawing(text) ||
      tokenlessScriptReason(text)
    )
      return;
    const index = tokenIndex(tokens);
    const matchOptions = matchOptionsOf(ctx.options);
    const confidentOnly = (ctx.options.report ?? DEFAULT_OPTIONS.report) === 'confident';
    const lineOf = (pos: number) => ctx.sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
    const pending: Array<{ report: CheckReport; key: string; line: number; related: RelatedLocation[] }> = [];
    const byValue = new Map<string, (typeof pending)[number]>();
    const byLine = new Map<number, (typeof pending)[number]>();
    const occurrences = collectTsStyleValues(ctx.ts, ctx.sourceFile, { namedColors: ctx.options.namedColors });
    const atStyleSite = new Set(occurrences.map((o) => o.atom.start));
    const loose = confidentOnly ? [] : collectLooseColors(ctx.ts, ctx.sourceFile).filter((o) => !atStyleSite.has(o.atom.start));
    const isToken = (o: StyleOccurrence) =>
      judgeAtom(index, o.atom, o.context, matchOptions, { filePath: ctx.filePath, property: o.property })?.kind === 'exact';
    if (!confidentOnly) occurrences.push(...tokenPalettesOnly(loose, isToken));
    const judged = occurrences.map((occ) => ({ occ, ...judgeOccurrence(occ, text, index, matchOptions, ctx.filePath) }));
    for (const { occ, dark, verdict } of judged) {
      if (!verdict || (occ.loose && verdict.kind !== 'exact')) continue;
      if (verdict.kind === 'exact' && verdict.tokens.every((t) => offRootFontSize(tokens.remScopes, ctx.filePath, occ, t))) continue;
      if (
        confidentOnly &&
        (!isConfidentFinding(occ, verdict) ||
          arbitraryLengthHouseStyle(tokens, ctx.filePath, occ) ||
          sizesIconOnly(ctx.ts, occ) ||
          mirrorsGeometryConstant(ctx.ts, ctx.sourceFile, occ) ||
          (verdict.kind === 'exact' &&
            (addsTypeStyle(occ, verdict.tokens[0]!, tokens.tokens) ||
              offeredClassPresent(text, occ, verdict.tokens) ||
              (occ.context === 'object' && followsThemeUnlikeLiteral(verdict.tokens[0]!, tokens.tokens)))))
      )
        continue;
      const range = occ.tailwind ? { start: occ.tailwind.start, end: occ.tailwind.end } : { start: occ.atom.start, end: occ.atom.end };
      const line = lineOf(range.start);
      // one finding per value and file (its other places are related), and at most one per line
      const key = `${occ.atom.family}\0${occ.atom.key}\0${occ.property}\0${dark}`;
      const joined = byValue.get(key) ?? byLine.get(line);
      if (joined) {
        // one finding per value and file, at most one per line: the other places are related, and their
        // certain fixes ride along with the finding's own
        byValue.set(key, joined);
        if (joined.line !== line && !joined.related.some((r) => r.line === line))
          joined.related.push({ file: ctx.filePath, line, message: `\`${occ.atom.text}\` here too` });
        if (joined.report.fix) {
          const have = joined.report.fix;
          const fix = (describeStyleValue(occ, verdict, tokens).fix ?? []).filter(
            (e) => !have.some((h) => e.start < h.end && h.start < e.end),
          );
          if (fix.length) joined.report.fix = [...have, ...fix].sort((a, b) => a.start - b.start);
        }
        continue;
      }
      const r = describeStyleValue(occ, verdict, tokens);
      const entry = {
        key,
        line,
        related: [] as RelatedLocation[],
        report: {
          ...(occ.node ? { node: occ.node } : {}),
          range,
          messageId: r.messageId,
          data: r.data,
          ...(r.fix ? { fix: r.fix } : {}),
          ...(r.suggestions.length ? { suggestions: r.suggestions } : {}),
          fingerprintCode: r.fingerprintCode,
          effortMinutes: r.effortMinutes,
        } as CheckReport,
      };
      byValue.set(key, entry);
      byLine.set(line, entry);
      pending.push(entry);
    }
    for (const p of pending) ctx.report(p.related.length ? { ...p.report, related: p.related } : p.report);
  },
});
