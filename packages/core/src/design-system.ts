import { posix } from 'node:path';
import type * as TS from 'typescript';
import type { CheckSettings, TypeScript } from './check.js';
import type { DesignSystemProject } from './design-system-projects.js';

/**
 * The design system as the checks and detectors see it (built by the `designSystem` settings provider in
 * settings/design-system.ts), and the pure helpers both surfaces use to place files and imports.
 */

/** A component of the design system. */
export interface DesignSystemComponent {
  name: string;
  /** the raw HTML element it wraps (what its root renders, or its ref/props element type), if known */
  element: string | null;
  /** the specifier to import it from: a package entry (`@acme/ui`) or a root-relative module path (`src/components/ui/button`) */
  importFrom: string;
  /** true when `importFrom` is a root-relative module path (a design system kept as a directory, not a package) */
  isPath: boolean;
}

export interface DesignSystemPackage {
  name: string;
  /** its directory in this repository, or null for a package from npm */
  dir: string | null;
  /** the subpaths its package.json `exports` allows (`.`, `./icons`, `./*`); null when it has no exports map */
  entryPoints: string[] | null;
  /**
   * an npm package whose exports map is unknown (not installed): the public-looking subpaths the repository
   * imports (`props` for `@radix-ui/themes/props`), the entry to name for an internal module under one
   */
  importedSubpaths?: string[];
}

/** A tsconfig `paths` alias of the form `prefix/*` -> `target/*`, for writing import specifiers. */
export interface DesignSystemAlias {
  /** the tsconfig's directory: the alias applies to files under it ('' = everywhere) */
  scope: string;
  prefix: string;
  /** root-relative directory the prefix stands for */
  target: string;
}

export interface DesignSystemSettings {
  /** where the design system came from: config `designSystem`, inferred from the repository, or none */
  source: 'config' | 'inferred' | 'none';
  packages: DesignSystemPackage[];
  /** root-relative directories holding the design system's source (configured paths and in-repo package dirs) */
  paths: string[];
  components: DesignSystemComponent[];
  /** raw element -> the design-system component to use instead; `classes`: the utility classes its source writes (base and variants), if here */
  elements: Record<string, { component: string; importFrom: string; isPath: boolean; classes?: string[] }>;
  /** package directories ('' = the root package) whose package.json depends on a design-system package; null: every file may use it */
  consumers: string[] | null;
  aliases: DesignSystemAlias[];
  /** components offered by two design-system packages: the code is moving from one to the other (by importer counts) */
  migrations?: DesignSystemMigration[];
  /** every design system found, most imported first (the first is the one the code uses), and where it was found */
  systems?: DesignSystemSource[];
  /** the directories shadcn `components.json` files name (`aliases.ui`), inside a design-system package or not: shadcn's stock primitives live there */
  shadcnDirs?: string[];
  /** a monorepo's workspace packages and what each can import (design-system-projects.ts); absent: one package */
  projects?: DesignSystemProject[];
}

/** One design system as `plumbline init` and the scan summary show it. */
export interface DesignSystemSource {
  /** config; workspace package; npm package; shadcn components.json `aliases.ui`; a `components/ui` directory; an app-local primitive */
  kind: 'config' | 'workspace' | 'npm' | 'shadcn' | 'directory' | 'local';
  /** package name, or root-relative directory or file */
  name: string;
  /** how it was found, in words (`components.json aliases.ui`, `catalog`, `Button imported by 79 files`) */
  via: string;
  /** non-test files importing it */
  importers: number;
  /** its most imported components with their importing files, most first (at most 8) */
  components: Array<{ name: string; importers: number }>;
}

/** A component both design systems offer: `from` is the one fewer files import, `to` the one the code uses. */
export interface DesignSystemMigration {
  component: string;
  from: string;
  to: string;
  fromImporters: number;
  toImporters: number;
}

/** Raw element -> the names a design-system component replacing it goes by, best first. */
export const ELEMENT_COMPONENT_NAMES: Record<string, string[]> = {
  button: ['Button'],
  // an icon-only button (see rawElementKeyOf): only a component made for it replaces it
  'button[icon]': ['IconButton', 'ActionIcon'],
  a: ['Link', 'Anchor', 'TextLink'],
  input: ['Input', 'TextInput', 'TextField'],
  select: ['Select', 'NativeSelect'],
  textarea: ['Textarea', 'TextArea'],
  dialog: ['Dialog', 'Modal'],
  img: ['Image', 'Img'],
  h1: ['Heading', 'Title'],
  h2: ['Heading', 'Title'],
  h3: ['Heading', 'Title'],
  h4: ['Heading', 'Title'],
  h5: ['Heading', 'Title'],
  h6: ['Heading', 'Title'],
};

/** The element a component wraps: its root, unless the root is a container around the element its ref/props name. */
export function wrappedElement(root: string | null, hint: string | null): string | null {
  if (hint && (root === null || root === 'div' || root === 'span' || root === 'label')) return hint;
  return root ?? hint;
}

// ---- helpers shared by the checks and the detectors (pure) ----

export { coloursNotIn, isColourClass } from './design-system-look.js';

/** `<input type=...>` values a text-field component replaces; other types (checkbox, file, hidden, ...) are different controls. */
const TEXT_INPUT_TYPES = new Set(['text', 'email', 'password', 'number', 'search', 'tel', 'url']);

/**
 * The key a raw element is matched by against `elements`: the tag, except `<input>` of a non-text type
 * (`input[type=checkbox]`), which a text-field component does not replace. `type` is the literal value of
 * the type attribute, undefined when absent, null when it is an expression.
 */
export function rawElementKey(tag: string, type: string | null | undefined): string {
  if (tag !== 'input' || type === undefined || type === null || TEXT_INPUT_TYPES.has(type.toLowerCase())) return tag;
  return `input[type=${type.toLowerCase()}]`;
}

/** Block content: a `<button>` or `<a>` holding it is a clickable container (a row, a card, a swatch), not a button or a link. */
const BLOCK_CONTENT = new Set(
  'div p section article header footer aside nav main ul ol li dl table img picture video figure form h1 h2 h3 h4 h5 h6'.split(' '),
);

/** Attributes that give an element a look of its own. */
const STYLE_ATTRIBUTES = new Set(['className', 'class', 'style', 'sx', 'css', 'tw']);
/** Classes that hide an element or serve screen readers only: no look of their own. */
const NON_VISUAL_CLASS = /^(sr-only|not-sr-only|hidden|visually-hidden|contents)$/;
/** Screen-reader-only text: the label of an icon-only control, not text a reader sees. */
const SCREEN_READER_ONLY = /(^|\s)(sr-only|visually-hidden)(\s|$)/;
/** Classes that draw a box (a fill, a border, a ring, a shadow), the look a Button gives; variants included (rounding alone draws nothing). */
const BOX_CLASS =
  /^(?:[\w-]+:)*!?(?:bg-(?!transparent$|none$|inherit$)|border(?!-0$|-none$|-transparent$)|ring(?!-0$)|shadow(?!-none$)|btn|button)/;
/** Classes that draw an input's frame in its resting state (a border, a ring, a shadow, a fill). */
const FRAME_CLASS = /^!?(?:bg-(?!transparent$|none$|inherit$)|border(?!-0$|-none$|-transparent$)|ring(?!-0$)|shadow(?!-none$))/;
/** Classes that take away an input's own frame: it sits inside a bordered group that draws it. */
const FRAMELESS_INPUT_CLASS = /^!?(?:border-0|border-none|ring-0|rounded-none|rounded-[a-z]{1,2}-none|shadow-none)$/;
/** Rounded on one side only: one piece of an input group. */
const ONE_SIDED_ROUNDED = /^!?rounded-[lrse]-/;
const FULL_ROUNDED = /^!?rounded(-(?!none)[\w[\].]+)?$/;
/** Icon libraries: a component imported from one of these is an icon. */
const ICON_PACKAGE =
  /(^|[/@-])(icons?|lucide|heroicons|feather|phosphor|fontawesome|iconify|ionicons|tabler)([/-]|$)|icons-(react|material)|react-icons/;
const ICON_NAME = /^Icon([A-Z0-9]|$)|Icon$|Glyph$/;

/**
 * What a button's or link's content is: text a reader sees (`label`), only icons (`icon`), only a value held
 * in a variable (`opaque`: `{label}`, `{item.name}`), or something else (an avatar, a swatch, nothing).
 */
type ContentKind = 'label' | 'icon' | 'opaque' | 'none';

interface ContentFlags {
  label: boolean;
  icon: boolean;
  opaque: boolean;
  other: boolean;
}

const iconNamesMemo = new WeakMap<TS.SourceFile, Set<string>>();

/** Local names bound by imports from icon libraries. */
function iconNamesOf(ts: TypeScript, sf: TS.SourceFile): Set<string> {
  let names = iconNamesMemo.get(sf);
  if (names) return names;
  names = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !ICON_PACKAGE.test(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (clause?.name) names.add(clause.name.text);
    const nb = clause?.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) names.add(nb.name.text);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.add(el.name.text);
  }
  iconNamesMemo.set(sf, names);
  return names;
}

function expressionFlags(ts: TypeScript, e: TS.Expression, icons: Set<string>, f: ContentFlags): void {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
    return expressionFlags(ts, e.expression, icons, f);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isNumericLiteral(e)) {
    if (!ts.isStringLiteralLike(e) || /[\p{L}\p{N}]/u.test(e.text)) f.label = true;
  } else if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) elementFlags(ts, e, icons, f);
  else if (ts.isConditionalExpression(e)) {
    expressionFlags(ts, e.whenTrue, icons, f);
    expressionFlags(ts, e.whenFalse, icons, f);
  } else if (ts.isBinaryExpression(e)) {
    // `cond && <X/>` shows the right side; `a ?? b`, `a || b` show either
    if (e.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) expressionFlags(ts, e.left, icons, f);
    expressionFlags(ts, e.right, icons, f);
  } else if (ts.isCallExpression(e) || ts.isTaggedTemplateExpression(e)) {
    // `t('save')`, `formatDate(d)`: text; `items.map(...)`: a list of something else
    const callee = ts.isCallExpression(e) ? e.expression : e.tag;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map') f.other = true;
    else f.label = true;
  } else {
    const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
    if (/icon/i.test(name)) f.icon = true;
    else if (name === 'children')
      f.label = true; // a wrapper component's own button: it is a button
    else if (name) f.opaque = true;
    else if (e.kind !== ts.SyntaxKind.NullKeyword && e.kind !== ts.SyntaxKind.FalseKeyword) f.other = true;
  }
}

function childrenFlags(ts: TypeScript, children: TS.NodeArray<TS.JsxChild>, icons: Set<string>, f: ContentFlags): void {
  for (const c of children) {
    if (ts.isJsxText(c)) {
      // an HTML entity (`&times;`, `&nbsp;`) is a glyph, not words: a `&times;` button is a close icon
      if (/[\p{L}\p{N}]/u.test(c.text.replace(/&#?\w+;/g, ''))) f.label = true;
    } else if (ts.isJsxExpression(c)) {
      if (c.expression) expressionFlags(ts, c.expression, icons, f);
    } else elementFlags(ts, c, icons, f);
  }
}

function elementFlags(
  ts: TypeScript,
  el: TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment,
  icons: Set<string>,
  f: ContentFlags,
): void {
  if (ts.isJsxFragment(el)) return childrenFlags(ts, el.children, icons, f);
  const opening = ts.isJsxElement(el) ? el.openingElement : el;
  const tagName = opening.tagName;
  const head = ts.isPropertyAccessExpression(tagName) ? tagName.getText().split('.')[0]! : tagName.getText();
  const last = ts.isPropertyAccessExpression(tagName) ? tagName.name.text : head;
  if (head === 'svg' || head === 'img' || icons.has(head) || ICON_NAME.test(last)) f.icon = true;
  else if (last === 'VisuallyHidden' || SCREEN_READER_ONLY.test(classText(ts, opening) ?? '')) return;
  else if (ts.isJsxSelfClosingElement(el)) f.other = true;
  else childrenFlags(ts, el.children, icons, f);
}

function contentKind(ts: TypeScript, children: TS.NodeArray<TS.JsxChild> | undefined, icons: Set<string>): ContentKind {
  const f: ContentFlags = { label: false, icon: false, opaque: false, other: false };
  if (children) childrenFlags(ts, children, icons, f);
  // an icon or an avatar beside a value (`<Avatar/>{user.name}`) reads as a labelled button
  if (f.label || (f.opaque && (f.icon || f.other))) return 'label';
  if (f.icon && !f.other) return 'icon';
  return f.opaque && !f.other ? 'opaque' : 'none';
}

/** The literal class text of an element (every string inside `className`/`class`, `cn(...)` included); null when none is literal. */
function classText(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): string | null {
  const parts: string[] = [];
  for (const a of el.attributes.properties) {
    if (!ts.isJsxAttribute(a) || !ts.isIdentifier(a.name) || (a.name.text !== 'className' && a.name.text !== 'class') || !a.initializer)
      continue;
    const visit = (n: TS.Node): void => {
      if (ts.isStringLiteralLike(n)) parts.push(n.text);
      else if (ts.isTemplateExpression(n)) {
        parts.push(n.head.text);
        for (const sp of n.templateSpans) parts.push(sp.literal.text);
      }
      ts.forEachChild(n, visit);
    };
    visit(a.initializer);
  }
  return parts.length ? parts.join(' ') : null;
}

interface Look {
  /** any style attribute beyond screen-reader classes */
  styled: boolean;
  /** the literal classes, split */
  classes: string[];
  /** an inline style or a style prop (`style`, `sx`, `css`) */
  inline: boolean;
  /** a class attribute whose value is not literal (`className={styles.row}`) */
  opaqueClass: boolean;
}

function lookOf(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): Look {
  const classes = (classText(ts, el) ?? '').split(/\s+/).filter((c) => c && !NON_VISUAL_CLASS.test(c));
  let inline = false;
  let anyClass = false;
  for (const a of el.attributes.properties) {
    if (!ts.isJsxAttribute(a) || !ts.isIdentifier(a.name) || !STYLE_ATTRIBUTES.has(a.name.text) || !a.initializer) continue;
    if (a.name.text === 'className' || a.name.text === 'class') anyClass = true;
    else inline = true;
  }
  const opaqueClass = anyClass && classText(ts, el) === null;
  return { styled: inline || classes.length > 0 || opaqueClass, classes, inline, opaqueClass };
}

/** An input that is one piece of an input group: frameless, rounded on one side, or beside an addon in a row. */
function inInputGroup(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement, look: Look): boolean {
  if (look.classes.some((c) => FRAMELESS_INPUT_CLASS.test(c))) return true;
  if (look.classes.some((c) => ONE_SIDED_ROUNDED.test(c)) && !look.classes.some((c) => FULL_ROUNDED.test(c))) return true;
  // room kept on one side for an overlaid prefix or suffix (`pl-6` beside a `$`, `pr-12` for a unit)
  if (look.classes.some((c) => Number(/^(?:pl|pr|ps|pe)-(\d+(?:\.\d+)?)$/.exec(c)?.[1] ?? 0) >= 6)) return true;
  const self = ts.isJsxSelfClosingElement(el) ? el : el.parent;
  const parent = self.parent;
  if (!ts.isJsxElement(parent)) return false;
  const parentClasses = (classText(ts, parent.openingElement) ?? '').split(/\s+/);
  const row = parentClasses.includes('flex') || parentClasses.includes('inline-flex');
  const overlay = parentClasses.includes('relative');
  if ((!row || parentClasses.includes('flex-col')) && !overlay) return false;
  // an addon rendered on a condition (`{isCurrency && <span className="absolute ...">$</span>}`) is an addon too
  const rendered = parent.children.flatMap((c) => (ts.isJsxExpression(c) && c.expression ? shownElements(ts, c.expression) : [c]));
  return rendered.some((c) => {
    if (c === self || !(ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c))) return false;
    const opening = ts.isJsxElement(c) ? c.openingElement : c;
    const tag = opening.tagName.getText();
    const cls = (classText(ts, opening) ?? '').split(/\s+/);
    if (overlay && !row) return cls.includes('absolute');
    return tag !== 'label' && tag !== 'p' && !cls.includes('sr-only');
  });
}

/** The elements an expression child shows: `cond && <X/>`, `cond ? <X/> : <Y/>`, `(<X/>)`. */
function shownElements(ts: TypeScript, e: TS.Expression): TS.Node[] {
  if (ts.isParenthesizedExpression(e)) return shownElements(ts, e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return shownElements(ts, e.right);
  if (ts.isConditionalExpression(e)) return [...shownElements(ts, e.whenTrue), ...shownElements(ts, e.whenFalse)];
  return ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) ? [e] : [];
}

/**
 * The key of a raw JSX element (see rawElementKey), with a suffix for the raw elements a design-system
 * component does not replace as it is (the `elements` map has no entry for them, except `button[icon]`):
 * - `<tag>[spread]`: props only from a spread, or from a headless library's props getter whatever else it has
 *   (`<input {...getInputProps()} className={styles.hidden} />`, `{...dropzoneInputProps}`): that library's element;
 * - `button[container]`/`a[container]`: a button or link wrapping block content (a row, a card, a swatch);
 * - `button[icon]`/`a[icon]`: icon-only content in a box of its own (a fill, a border, a hover fill, rounding),
 *   which only a component made for it (an `IconButton`) replaces; with no box it is `[bare]`;
 * - `button[bare]`/`a[bare]`: no look of its own, or no text label (a swatch, an avatar): a popover trigger,
 *   a calendar cell, a link in running text;
 * - `button[opaque]`/`a[opaque]`: styled, showing only a value held in a variable (`{item.name}`): a card, a
 *   tag pill, a trigger showing the selection;
 * - `button[toggle]`: a look chosen by comparing a value (`value === 'plus' ? ... : ...`), or a state or choice role
 *   (`aria-pressed`, `role="tab"`): a segment, tab or option;
 * - `button[row]`: a full-width row aligned to the start or spread out (`w-full justify-between`): a menu item;
 * - `button[text]`: a text-link button, styled without a box (no fill, border, ring, shadow or rounding) or
 *   underlined; classes of the project's own CSS count as a box only when there are no utilities beside them;
 * - `img[bare]`: an image with no class or style of its own (an icon at its given size);
 * - `input[group]`/`input[bare]`: an input inside an input group, or with no frame of its own (no border, ring,
 *   shadow or fill: an inline-edit field drawn by its container).
 */
export function rawElementKeyOf(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement, tag: string): string {
  let type: string | null | undefined;
  let spread = false;
  let headless = false;
  for (const a of el.attributes.properties) {
    if (ts.isJsxSpreadAttribute(a)) {
      spread = true;
      // a headless library's props (`getInputProps()`, `getRootProps()`, `dropzoneInputProps`): its element, styled or not
      const e = a.expression;
      const callee = ts.isCallExpression(e) ? e.expression : null;
      const name =
        callee && ts.isIdentifier(callee) ? callee.text : callee && ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if ((name && /^get\w*Props$/.test(name)) || (ts.isIdentifier(e) && /\w(Input|Root|Toggle|Trigger)Props$/.test(e.text)))
        headless = true;
    }
    if (ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === 'type') {
      const init = a.initializer;
      type =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : null;
    }
  }
  const key = rawElementKey(tag, type);
  // an image with no look of its own (an icon at its intrinsic or given size): an Image component adds nothing
  if (tag === 'img') return lookOf(ts, el).styled ? key : 'img[bare]';
  if (tag !== 'button' && tag !== 'a' && tag !== 'input') return key;
  const look = lookOf(ts, el);
  if (headless || (spread && !look.styled)) return `${tag}[spread]`;
  if (tag === 'input') {
    if (key !== 'input') return key;
    // no frame of its own (a transparent inline-edit or search field inside a styled container)
    if (!look.inline && !look.opaqueClass && !look.classes.some((c) => FRAME_CLASS.test(c))) return 'input[bare]';
    return inInputGroup(ts, el, look) ? 'input[group]' : key;
  }
  const children = ts.isJsxOpeningElement(el) && ts.isJsxElement(el.parent) ? el.parent.children : undefined;
  if (children) {
    let block = false;
    const visit = (n: TS.Node): void => {
      if (block) return;
      if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
        if (ts.isIdentifier(n.tagName) && BLOCK_CONTENT.has(n.tagName.text)) block = true;
      }
      ts.forEachChild(n, visit);
    };
    for (const c of children) visit(c);
    if (block) return `${tag}[container]`;
  }
  const kind = contentKind(ts, children, iconNamesOf(ts, el.getSourceFile()));
  // classes of the project's own stylesheet say nothing of the look, unless they are all there is (no utilities)
  const ownCss = look.classes.length > 0 && look.classes.every(isCustomClass);
  const underlined = look.classes.includes('underline');
  const boxed =
    look.inline || ownCss || (!underlined && look.classes.some((c) => isBoxClass(c) || /(^|[-_])(btn|button)([-_]|$)/i.test(c)));
  // an icon-only control with no box (a chip's remove "x", a show-password eye) is an inline icon, not an IconButton
  if (kind === 'icon') return boxed ? `${tag}[icon]` : `${tag}[bare]`;
  if ((kind !== 'label' && kind !== 'opaque') || !look.styled) return `${tag}[bare]`;
  if (tag === 'button' && !boxed) return 'button[text]';
  // a full-width row aligned to the start or spread out: a menu item or a list row, not a Button; text aligned
  // to the start at any width is a row too (a tree's file entry), and a full-width one with no box at rest
  // (only a hover fill) is a navigation row
  // a look chosen by comparing a value (`value === 'plus' ? 'bg-gray-800' : ...`): a segment, a tab or an option showing its selection
  if (tag === 'button' && (selectionStyled(ts, el) || statefulRole(ts, el))) return 'button[toggle]';
  if (tag === 'button') {
    const startAligned = look.classes.some((c) => /^(text-left|text-start)$/.test(c));
    const spread = look.classes.some((c) => /^(justify-between|justify-start)$/.test(c));
    const fullWidth = look.classes.includes('w-full');
    // rounding alone draws no box: `w-full rounded-md p-2 hover:bg-neutral-100` is a menu row (dub: 2 judged wrong)
    const boxAtRest = look.classes.some((c) => /^(border|bg-|shadow|ring)/.test(c));
    if (startAligned || (fullWidth && (spread || !boxAtRest))) return 'button[row]';
    // stacked content (an icon over a label): a tile of a picker grid
    if (look.classes.includes('flex-col')) return 'button[container]';
  }
  return kind === 'opaque' ? `${tag}[opaque]` : key;
}

/** ARIA roles of a control that shows a choice (a tab, a segment, a menu item, a switch): not a Button. */
const CHOICE_ROLES = new Set(['tab', 'radio', 'option', 'switch', 'checkbox', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'treeitem']);

/** A button that says it shows a state (`aria-pressed`, `aria-selected`, `aria-checked`) or a choice role (`role="tab"`). */
function statefulRole(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): boolean {
  return el.attributes.properties.some((a) => {
    if (!ts.isJsxAttribute(a)) return false;
    const name = a.name.getText(el.getSourceFile());
    if (/^aria-(pressed|selected|checked)$/.test(name)) return true;
    const init = a.initializer;
    return name === 'role' && !!init && ts.isStringLiteral(init) && CHOICE_ROLES.has(init.text);
  });
}

/** Whether the element's className picks a look by comparing a value with `===`/`!==` (the selected segment or tab). */
function selectionStyled(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): boolean {
  for (const a of el.attributes.properties) {
    if (!ts.isJsxAttribute(a) || !ts.isIdentifier(a.name) || (a.name.text !== 'className' && a.name.text !== 'class')) continue;
    let found = false;
    const visit = (n: TS.Node): void => {
      if (found) return;
      if (ts.isConditionalExpression(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
        const cond = ts.isConditionalExpression(n) ? n.condition : n.left;
        const k = ts.isBinaryExpression(cond) ? cond.operatorToken.kind : null;
        if (k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken) found = true;
      }
      ts.forEachChild(n, visit);
    };
    if (a.initializer) visit(a.initializer);
    if (found) return true;
  }
  return false;
}

/** A class that draws a box around the element itself (a tab's `after:` underline or a placeholder colour does not). */
function isBoxClass(c: string): boolean {
  return BOX_CLASS.test(c) && !/(^|:)(before|after|placeholder|file|marker|selection|first-letter|first-line):/.test(c);
}

/** Single-word Tailwind utilities: any other word without a dash is a class of the project's own CSS. */
const TAILWIND_WORDS = new Set(
  (
    'flex grid block inline inline-block inline-flex contents hidden table static fixed absolute relative sticky visible invisible ' +
    'underline no-underline overline line-through truncate italic uppercase lowercase capitalize grow shrink container group peer ' +
    'antialiased transition transform filter blur outline isolate resize border rounded shadow ring prose'
  ).split(' '),
);

/** A class of the project's own stylesheet (`btn`, `primary`): its look is unknown, and may well be a button's. */
export function isCustomClass(c: string): boolean {
  if (/(^|[-_])(btn|button)([-_]|$)/i.test(c)) return true; // `main-btn`, `button-primary`
  return /^[A-Za-z_][\w]*$/.test(c) && !TAILWIND_WORDS.has(c);
}

/**
 * Whether a component's root element looks like the primitive a design-system component of its tag stands
 * for: not icon-only, not a wrapper with no look of its own, not a text link, not a piece of an input group.
 */
export function looksLikePrimitive(key: string | null | undefined, tag: string): boolean {
  return key === undefined || key === null || key === tag || key === `${tag}[opaque]`;
}

/** The visual classes of a raw element's literal class names (screen-reader classes left out). */
export function rawElementClasses(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): string[] {
  return lookOf(ts, el).classes;
}

export function designSystemOf(settings: CheckSettings): DesignSystemSettings | null {
  const ds = settings.designSystem as DesignSystemSettings | undefined;
  return ds && ds.source !== 'none' ? ds : null;
}

const under = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);

/** Whether a root-relative file belongs to the design system's own source. */
export function isDesignSystemFile(ds: DesignSystemSettings, path: string): boolean {
  return ds.paths.some((p) => under(path, p));
}

/** Whether a file's package depends on the design system (so it is expected to use it). */
export function isDesignSystemConsumer(ds: DesignSystemSettings, path: string): boolean {
  return ds.consumers === null || ds.consumers.some((dir) => under(path, dir));
}

/** The design-system package an import specifier names (by package name), with the subpath. */
export function designSystemPackageOf(ds: DesignSystemSettings, specifier: string): { pkg: DesignSystemPackage; subpath: string } | null {
  for (const pkg of ds.packages) {
    if (specifier === pkg.name) return { pkg, subpath: '' };
    if (specifier.startsWith(`${pkg.name}/`)) return { pkg, subpath: specifier.slice(pkg.name.length + 1) };
  }
  return null;
}

/** Whether a package subpath is in its build or source tree (`dist/esm/x.js`, `src/button`): not public by convention. */
export function isInternalSubpath(subpath: string): boolean {
  return /^(src|dist|lib|build|esm|cjs|es|umd|internal)(\/|$)/.test(subpath);
}

/** Whether a package subpath is one its `exports` map (or, without one, the conventional layout) offers. */
export function isPublicEntry(pkg: DesignSystemPackage, subpath: string): boolean {
  if (subpath === '') return true;
  if (pkg.entryPoints === null) return !isInternalSubpath(subpath);
  const want = `./${subpath}`;
  return pkg.entryPoints.some((k) => {
    if (k === want) return true;
    const star = k.indexOf('*');
    if (star < 0) return false;
    return want.startsWith(k.slice(0, star)) && want.endsWith(k.slice(star + 1)) && want.length >= k.length - 1;
  });
}

/** A root-relative path an alias or relative specifier points at (no extension probing); null for packages. */
export function specifierTarget(ds: DesignSystemSettings, fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  let best: DesignSystemAlias | undefined;
  for (const a of ds.aliases) {
    if (!under(fromFile, a.scope) || !specifier.startsWith(a.prefix)) continue;
    if (!best || a.scope.length > best.scope.length) best = a;
  }
  return best ? posix.join(best.target, specifier.slice(best.prefix.length)) : null;
}

/** How `fromFile` should write an import of a design-system component. */
export function importSpecifierFor(ds: DesignSystemSettings, fromFile: string, target: { importFrom: string; isPath: boolean }): string {
  if (!target.isPath) return target.importFrom;
  let best: DesignSystemAlias | undefined;
  for (const a of ds.aliases) {
    if (!under(fromFile, a.scope) || !under(target.importFrom, a.target)) continue;
    if (!best || a.scope.length > best.scope.length || (a.scope.length === best.scope.length && a.target.length > best.target.length))
      best = a;
  }
  if (best) return `${best.prefix}${target.importFrom.slice(best.target ? best.target.length + 1 : 0)}`;
  const rel = posix.relative(posix.dirname(fromFile), target.importFrom);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One line saying what a scan took for the design system and the tokens, and from where: every scan's
 * summary prints it, so a wrong guess is seen at once (and fixed in plumbline.config.json).
 */
export function inferredSummary(ds: DesignSystemSettings | null, tokens: { files: string[]; tokens: unknown[] } | null): string {
  const parts: string[] = [];
  const systems = ds?.systems ?? [];
  if (!ds) parts.push('no design system found');
  else if (systems.length === 0) parts.push(`design system ${[...ds.packages.map((p) => p.name), ...ds.paths].join(', ')} (${ds.source})`);
  else {
    const [first, ...rest] = systems;
    // a configured system is taken as told: its importers are not counted (no discovery walk), so no count is shown
    const counted = first!.kind !== 'config' || first!.importers > 0;
    let text = `design system ${first!.name} (${first!.via}${counted ? `, imported by ${plural(first!.importers, 'file')}` : ''})`;
    const others = rest.filter((s) => s.importers > 0).slice(0, 3);
    if (others.length) text += `; also ${others.map((s) => `${s.name} (${plural(s.importers, 'file')})`).join(', ')}`;
    parts.push(text);
  }
  const files = tokens?.files ?? [];
  if (files.length === 0) parts.push('no token files');
  else {
    const shown = files.slice(0, 3).join(', ');
    parts.push(`${plural(tokens!.tokens.length, 'token')} from ${shown}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`);
  }
  return `${ds?.source === 'config' ? 'configured' : 'inferred'}: ${parts.join('; ')}`;
}
