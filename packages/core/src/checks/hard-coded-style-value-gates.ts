import type * as TS from 'typescript';
import type { StyleOccurrence } from '../tokens/collect.js';

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
