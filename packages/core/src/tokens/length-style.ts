/**
 * A house style of arbitrary lengths: a Tailwind build whose spacing and size classes are mostly arbitrary px or rem
 * values (`gap-[12px]`, `w-[240px]`) rather than steps of the scale (`gap-3`, `w-60`). There the arbitrary value is
 * the convention, and an exact swap (`gap-[12px]` -> `gap-3`) is a nit to a reviewer of that codebase: postiz-app
 * writes about 94 % of its frontend's length classes as arbitrary values, and its 63 judged findings were all
 * debatable. A low share does not make a finding right (openstatus, 4 %, was judged nits too); the share only
 * identifies a house style when it is high.
 */

/** Utilities of spacing, insets and sizes whose value is a length. */
const UTILITIES =
  'p[xytrblse]?|m[xytrblse]?|gap(?:-[xy])?|space-[xy]|inset(?:-[xy])?|top|right|bottom|left|start|end|w|h|size|min-[wh]|max-[wh]';
/**
 * One length class, after whitespace, a quote, a backtick, a variant's colon or an important mark: a step of the
 * scale (`p-3`, `gap-1.5`, `h-px`) or an arbitrary px/rem length (`p-[12px]`, `-mt-[0.5rem]`). Keywords (`w-full`),
 * fractions (`w-1/2`) and other arbitrary values (`w-[calc(...)]`, `w-[50%]`) count as neither.
 */
const LENGTH_CLASS = new RegExp(
  `(?:^|[\\s'"\`:!])-?(?:${UTILITIES})-(?:(\\[-?\\d*\\.?\\d+(?:px|rem)\\])|\\d+(?:\\.\\d+)?(?![\\w./-])|px(?![\\w-]))(?=$|[\\s'"\`])`,
  'g',
);

export interface LengthClassCount {
  arbitrary: number;
  scale: number;
}

/** Counts the arbitrary and the scale length classes written in a script's text (a cheap regex over the text). */
export function countLengthClasses(text: string, into: LengthClassCount = { arbitrary: 0, scale: 0 }): LengthClassCount {
  if (!text.includes('-')) return into;
  for (const m of text.matchAll(LENGTH_CLASS)) {
    if (m[1]) into.arbitrary++;
    else into.scale++;
  }
  return into;
}

/** At least this many length classes make a share worth reading. */
export const HOUSE_STYLE_MIN_CLASSES = 200;
/** More than this share of them arbitrary: the arbitrary values are the convention. */
export const HOUSE_STYLE_MIN_SHARE = 0.5;

/** Whether a build's counts show a house style of arbitrary lengths. */
export function isArbitraryLengthHouseStyle(c: LengthClassCount): boolean {
  const total = c.arbitrary + c.scale;
  return total >= HOUSE_STYLE_MIN_CLASSES && c.arbitrary / total > HOUSE_STYLE_MIN_SHARE;
}

/** Whether a file lies in one of the folders (`''` is the root). */
export function inScopes(scopes: readonly string[] | undefined, filePath: string): boolean {
  return !!scopes?.some((s) => s === '' || filePath.startsWith(`${s}/`));
}
