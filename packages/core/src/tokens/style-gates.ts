import type * as TS from 'typescript';
import { lengthInPx } from '../css-value.js';
import type { StyleOccurrence } from './collect.js';
import type { DesignToken } from './types.js';

/**
 * Gates of `hard-coded-style-value` for classes of code whose literal sizes are not design-system debt, each
 * measured on the precision ledger's judged findings (strict scans of the thirty repositories at 7034289).
 */

/** Sub-pixel lengths a person does not type (`10.2px`, `303.33px`, `28.61px`): halves and quarters are typed. */
const SUBPIXEL = /(?<![\w.])(\d+\.\d+)px/g;
/** A font size in px, as a Tailwind arbitrary class or CSS-in-JS (`text-[3px]`, `fontSize: '4.5px'`, `font-size: 3px`). */
const FONT_PX = /(?:\btext-\[|\bfont-?size:\s*['"]?)(\d+(?:\.\d+)?)px/gi;
/** Text below this is not read: a miniature of a UI. */
const ILLEGIBLE_PX = 6;
/** Distinct sub-pixel lengths from which a file is a design-file export. */
const EXPORT_SUBPIXELS = 3;

/**
 * A drawing of a UI made of markup: a design-file export (three or more distinct sub-pixel lengths such as
 * `left-[10.2px]`, `h-[303.33px]`, `blur-[85.60px]`: a tool's numbers, not a person's) or a miniature (text
 * smaller than 6px, `text-[3px]`, that nobody reads). Its positions and sizes reproduce a picture at its own
 * scale; a spacing token in one of them means nothing (judged wrong or debatable by the held-out judges: Zero's
 * landing-page mock screens and envelope, onlook's landing feature-block miniatures). On the strict scans of the
 * thirty ledger repositories it removes 13 judged findings (6 wrong, 7 debatable) and 1 right (a `gap-[20px]` in
 * Zero's landing page), and no other file with a finding has either mark.
 */
export function isUiDrawing(text: string): boolean {
  const subpixels = new Set<string>();
  for (const m of text.matchAll(SUBPIXEL)) if (Number(m[1]) % 0.25 !== 0) subpixels.add(m[1]!);
  if (subpixels.size >= EXPORT_SUBPIXELS) return true;
  for (const m of text.matchAll(FONT_PX)) {
    const px = Number(m[1]);
    if (px > 0 && px < ILLEGIBLE_PX) return true;
  }
  return false;
}

/**
 * A dev showcase route (`routes/storybook.popover/route.tsx`, `app/storybook/page.tsx`): a page that displays the
 * design system's components for its developers, as a story does; its sizes frame a demo. Judged debatable 3 of 3
 * (trigger.dev: "a storybook.* dev showcase route; low value for a reviewer"); `.storybook/` configuration is not one.
 */
export function isShowcaseRoute(path: string): boolean {
  return /(^|\/)storybook(\.[\w$.-]+)?\//i.test(path);
}

/**
 * A font size on an element whose only content is one self-closing element (`<Button className="text-[16px]">
 * <EllipsisVertical /></Button>`): it sizes an icon glyph, not text, so a step of the type scale (`text-base`, which
 * sets a line height as well) is not its replacement; an icon-size variant of the component is. Judged debatable 15
 * of 15 (polar's icon-only ghost buttons, one class string pasted in 15 files); no judged right finding is one.
 */
export function sizesIconOnly(ts: typeof TS, occ: StyleOccurrence): boolean {
  if (occ.atom.family !== 'font-size' || !occ.node) return false;
  let n: TS.Node | undefined = occ.node;
  for (let depth = 0; n && !ts.isJsxAttribute(n) && depth < 8; depth++) n = n.parent;
  if (!n || !ts.isJsxAttribute(n)) return false;
  const opening = n.parent.parent;
  if (!ts.isJsxOpeningElement(opening)) return false;
  const content = opening.parent.children.filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
  const only = content.length === 1 ? content[0]! : null;
  return !!only && ts.isJsxSelfClosingElement(only) && isIconTag(ts, only.tagName);
}

/** Icon packages (`lucide-react`, `@mui/icons-material`, `react-icons/fi`, `@heroicons/react`, `@phosphor-icons/react`). */
const ICON_MODULE = /(^|[/@-])(lucide|icons?|heroicons|phosphor|iconoir|feather)([/-]|$)/i;
/** Icon components by name (`CheckIcon`, `IconCheck`, MUI's `ClearOutlined`), and the elements that draw one. */
const ICON_NAME = /^(svg|i|img)$|Icon$|^Icon[A-Z]|(Outlined|Rounded|Sharp|TwoTone|Filled)$/;

/** Whether a JSX tag is an icon: named like one, or imported from an icon package. */
function isIconTag(ts: typeof TS, tag: TS.JsxTagNameExpression): boolean {
  const name = ts.isIdentifier(tag) ? tag.text : tag.getText();
  if (ICON_NAME.test(name.split('.').pop()!)) return true;
  const local = name.split('.')[0]!;
  for (const st of tag.getSourceFile().statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !ICON_MODULE.test(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (clause?.name?.text === local) return true;
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === local) return true;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === local)) return true;
  }
  return false;
}

/** A line box this much taller than the text or less is tight: a step with it is not a drop-in for a bare size. */
const TIGHT_LEADING = 1.2;
const companionsOf = new WeakMap<readonly DesignToken[], Map<string, string>>();

/** The values of the companion variables of a project's type steps (`--text-xs--line-height: 10px`), by name. */
function companions(tokens: readonly DesignToken[]): Map<string, string> {
  let map = companionsOf.get(tokens);
  if (!map) {
    map = new Map();
    for (const t of tokens)
      if (t.cssVar && /^--text-[\w-]+--(line-height|font-weight)$/.test(t.cssVar)) map.set(`${t.file}\0${t.cssVar}`, t.value);
    companionsOf.set(tokens, map);
  }
  return map;
}

/** A line height as a multiple of the font size (`10px` on 10px text is 1, `1.4` is 1.4), or null. */
function leadingRatio(value: string, fontPx: number): number | null {
  const m = /^(\d*\.?\d+)(px|rem|em)?$/.exec(value.trim());
  if (!m || fontPx <= 0) return null;
  const n = Number(m[1]);
  return m[2] === 'px' ? n / fontPx : m[2] === 'rem' ? (n * 16) / fontPx : n;
}

/**
 * A step of the project's own type ramp that brings a line box the arbitrary size never had: a tight line height
 * (`--text-xs: 10px` with `--text-xs--line-height: 10px`, below 1.2 times the size) or a weight of its own
 * (`--text-xxs--font-weight: 500`; 400 is the weight text has anyway), on a class list that fixes neither its line box (`leading-*`, `h-*`, `size-*`)
 * nor its weight. `text-[10px]` -> `text-xs` would shrink a label's row or bolden it: right in spirit, not the
 * drop-in the message promises. Judged debatable 7 times (openpanel's 10px labels, trigger.dev's `text-[0.65rem]`);
 * 2 right findings are of the class (an openpanel tooltip label and a `text-[14px]` title). Tailwind's own steps
 * (`text-xs` at 12px/16px) are not of it.
 */
export function addsTypeStyle(occ: StyleOccurrence, token: DesignToken, tokens: readonly DesignToken[]): boolean {
  if (occ.context !== 'className' || occ.atom.family !== 'font-size' || !token.cssVar || !occ.node) return false;
  const px = occ.atom.number !== undefined && occ.atom.unit ? lengthInPx({ number: occ.atom.number, unit: occ.atom.unit }) : null;
  if (!px) return false;
  const map = companions(tokens);
  const classes = occ.node.getText();
  const leading = map.get(`${token.file}\0${token.cssVar}--line-height`);
  const ratio = leading === undefined ? null : leadingRatio(leading, px);
  if (ratio !== null && ratio < TIGHT_LEADING && !/(^|[\s'"`:!])(leading-|h-|size-)/.test(classes)) return true;
  const weight = map.get(`${token.file}\0${token.cssVar}--font-weight`);
  return (
    weight !== undefined &&
    !/^(400|normal)$/.test(weight.trim()) &&
    !/(^|[\s'"`:!])font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black|\[)/.test(classes)
  );
}

/**
 * A px value matched to a rem token (or the reverse) in a folder whose root font size is not 16px
 * (`TokenSettings.remScopes`: a stylesheet's `html { font-size: 62.5% }`, a script setting the root element's
 * font size): the two are not equal there. Reactive-Resume's artboard sets the root to the resume's font size,
 * so `top-[8px]` -> `top-2` would move a timeline dot to 7px (2 judged wrong, 0 right lost on the thirty-four).
 */
export function offRootFontSize(
  scopes: readonly string[] | undefined,
  filePath: string,
  occ: StyleOccurrence,
  token: DesignToken,
): boolean {
  const unit = occ.atom.unit;
  if (!scopes?.length || (unit !== 'px' && unit !== 'rem')) return false;
  if (!scopes.some((s) => s === '' || filePath.startsWith(`${s}/`))) return false;
  const tokenUnit = /(px|rem)$/.exec(token.value.trim())?.[1];
  return !!tokenUnit && tokenUnit !== unit;
}

/**
 * The install folders of UI registries other than shadcn's (`plate-ui/` of Plate UI, `magicui/` of Magic UI):
 * their CLIs copy upstream components there, as `npx shadcn add` does into `components/ui` (stock shadcn files
 * are left alone too), so their arbitrary values are vendored lines, not the team's. Judged wrong 3 of 3
 * (teable's `comment-editor/plate-ui/`: "vendored Plate UI registry code kept in sync with upstream"; langfuse's
 * `magicui/` judged the same way for another rule).
 */
export function isRegistryVendoredFile(path: string): boolean {
  return /(^|\/)(plate-ui|magicui)\//.test(path);
}

/**
 * A colour written in a style object is the same in every theme; a token whose value differs in another theme
 * (`--get-started-background-inactive`, `#7b45ea` light and `#2a2e31` dark) follows the theme, so putting it in
 * the literal's place changes the dark theme: not the certain swap the confident class promises. Judged wrong
 * once (growthbook: a button on a bar that stays purple in both themes); no judged right finding is of it.
 */
export function followsThemeUnlikeLiteral(token: DesignToken, tokens: readonly DesignToken[]): boolean {
  return !!token.cssVar && tokens.some((t) => t.cssVar === token.cssVar && !!t.mode && t.value !== token.value);
}

/**
 * A class list that already holds the class offered (`text-4xl text-[40px]`, same variants): the arbitrary value
 * is written after it on purpose, to override it where the theme's step differs from what the author wants
 * (typebot's embed redefines `--text-4xl` and pins emoji avatars at 40px "for true CSS isolation"). Telling the
 * author to use the class they already wrote is no fix. Judged wrong once (typebot); no judged right finding is one.
 */
export function offeredClassPresent(text: string, occ: StyleOccurrence, tokens: readonly DesignToken[]): boolean {
  if (occ.context !== 'className' || !occ.tailwind?.utility || !occ.node) return false;
  let begin = occ.tailwind.start;
  while (begin > 0 && !/[\s'"`]/.test(text[begin - 1]!)) begin--;
  const variants = text.slice(begin, occ.tailwind.start).replace(/!/g, '');
  const classes = new Set(
    occ.node
      .getText()
      .split(/[\s'"`]+/)
      .map((c) => c.replace(/!/g, '')),
  );
  const utility = occ.tailwind.utility;
  return tokens.some((t) => {
    const key = t.tailwind?.key;
    return key !== undefined && classes.has(`${variants}${key === 'DEFAULT' ? utility : `${utility}-${key}`}`);
  });
}

/** Names of constants that hold a length of the layout (`endpointHeight`, `ROW_HEIGHT`, `iconSize`, `OFFSET_X`). */
const GEOMETRY_NAME = /height|width|size|offset|radius|gap|padding|margin|inset|spacing/i;
/** Sizes that are no lengths: `MAX_FILE_SIZE_MB = 10` is not `text-[10px]`'s 10 (dub: a judged right finding kept). */
const NOT_A_LENGTH = /file|page|batch|chunk|bytes|[km]b\b|[a-z][KM]B|_[KM]B|pool|queue|limit|count|upload/i;
/** The constant names that measure what a utility sets: a width constant is no height, and no radius. */
const NAMES_FOR_UTILITY: Array<[RegExp, RegExp]> = [
  [/^-?(min-|max-)?h$/, /height|size/i],
  [/^-?(min-|max-)?w$/, /width|size/i],
  [/^-?size$/, /height|width|size/i],
  [/^rounded/, /radius/i],
  [/^text$/, /font|text/i],
  [/^-?(p|m|gap|space)/, /gap|padding|margin|spacing|offset/i],
  [/^-?(top|right|bottom|left|inset|start|end|translate)/, /offset|inset|top|left|right|bottom/i],
];
const geometryConstantsOf = new WeakMap<TS.SourceFile, Array<{ name: string; value: number }>>();

/** The numbers the file's own code names as lengths: `const endpointHeight = 32`. */
function geometryConstants(ts: typeof TS, sf: TS.SourceFile): Array<{ name: string; value: number }> {
  let list = geometryConstantsOf.get(sf);
  if (list) return list;
  list = [];
  const found = list;
  const visit = (n: TS.Node): void => {
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      ts.isNumericLiteral(n.initializer) &&
      GEOMETRY_NAME.test(n.name.text) &&
      !NOT_A_LENGTH.test(n.name.text) &&
      ts.isVariableDeclarationList(n.parent) &&
      (n.parent.flags & ts.NodeFlags.Const) !== 0
    )
      found.push({ name: n.name.text, value: Number(n.initializer.text) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  geometryConstantsOf.set(sf, list);
  return list;
}

/**
 * An arbitrary px length that a constant of the same file also holds under the name of what the utility sets
 * (`size-[32px]` beside `const endpointHeight = 32`, used to place the edges that meet the element): the markup and
 * the script share one number, and the literal shows the coupling a scale step would hide. Judged debatable 3 of 3
 * (typebot's graph endpoints); no judged right finding is one (medusa's `rounded-[8px]` beside a `TABLUAR_NUM_WIDTH
 * = 8` is not: a width names no radius).
 */
export function mirrorsGeometryConstant(ts: typeof TS, sf: TS.SourceFile, occ: StyleOccurrence): boolean {
  const utility = occ.tailwind?.utility;
  if (occ.context !== 'className' || !utility || occ.atom.unit !== 'px' || occ.atom.number === undefined) return false;
  const names = NAMES_FOR_UTILITY.find(([u]) => u.test(utility))?.[1];
  const px = Math.abs(occ.atom.number);
  return !!names && geometryConstants(ts, sf).some((c) => c.value === px && names.test(c.name));
}
