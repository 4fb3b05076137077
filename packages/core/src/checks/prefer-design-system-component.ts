import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckSuggestion, TextEdit, TypeScript } from '../check.js';
import { jsxTagText } from '../component-signature.js';
import { isIllustrationFile } from '../tokens/places.js';
import {
  designSystemOf,
  designSystemPackageOf,
  importSpecifierFor,
  isDesignSystemConsumer,
  isDesignSystemFile,
  rawElementClasses,
  rawElementKeyOf,
  specifierTarget,
} from '../design-system.js';
import type { DesignSystemSettings } from '../design-system.js';
import { elementsFor } from '../design-system-projects.js';
import { coloursNotIn, isColourClass, stripImportant } from '../design-system-look.js';

export interface Options {
  /** raw elements never reported (e.g. ["a"] when plain links are fine) */
  ignoreElements: string[];
  /** `confident` (default): with an inferred design system, only raw elements whose classes re-create the component's own look; `all`: every raw element the component replaces */
  report: 'confident' | 'all';
}

/** Layout classes say where an element sits, not how it looks: they neither make nor break a re-created look. */
const LAYOUT_CLASS =
  /^(flex|inline-flex|grid|block|inline-block|inline|relative|absolute|fixed|sticky|w-full|h-full|grow|shrink-0|truncate|cursor-pointer|select-none|whitespace-nowrap|(items|justify|self|place|gap|order|col|row|basis|flex|grid-cols|m[trblxyse]?|-m[trblxyse]?|top|left|right|bottom|inset|z|overflow|min-w|max-w|w|col-span|transition|duration|ease)-\S+|transition)$/;
/** Look classes a raw element must share with the component's source, and how many of its own it may add. */
const MIN_SHARED_LOOK = 3;
const MAX_OWN_LOOK = 1;

/**
 * Whether a raw element re-creates the design-system component's look: at least three of its look classes (not
 * layout) are the component's, at most one is not (a colour counts as the component's when the component writes
 * that colour, whatever the variant prefix or opacity), and it has no colour of its own: an `<input>` carrying
 * shadcn's `border-input bg-background ring-ring ...`, a `<button>` with `bg-primary text-primary-foreground
 * hover:bg-primary/80`. The class of the precision ledger's judged findings reviewers keep (raw copies of the
 * component's classes); a near copy with its own padding and border, a look of its own (a branded field, an
 * error state in other reds, a blue hover, a chip, a swatch) or little in common stays quiet.
 */
export function recreatesLook(raw: string[], component: string[] | undefined): boolean {
  if (!component?.length) return false;
  const own = new Set(component.map(stripImportant));
  if (coloursNotIn(raw, component).length) return false;
  const look = raw.map(stripImportant).filter((c) => !LAYOUT_CLASS.test(c.replace(/^([\w-]+:)+/, '')));
  const shared = look.filter((c) => own.has(c) || isColourClass(c)).length;
  return shared >= MIN_SHARED_LOOK && look.length - shared <= MAX_OWN_LOOK;
}

/**
 * Whether the file already imports the design-system component that replaces the element (`Input` from the system,
 * by its package or its module path): a raw `<input>` in a form that renders `<Input>` elsewhere is the one field
 * left out, as a reviewer reads it (trigger.dev's admin tier editor, plane's onboarding field: judged right).
 */
function rendersBeside(
  ds: DesignSystemSettings,
  filePath: string,
  imports: FileImports,
  target: { component: string; importFrom: string; isPath: boolean },
): boolean {
  for (const [local, b] of imports.bindings) {
    if (b === 'local' || (b.imported !== target.component && !(b.imported === 'default' && local === target.component))) continue;
    if (!target.isPath) {
      const pkg = designSystemPackageOf(ds, b.from)?.pkg.name;
      if (b.from === target.importFrom || (!!pkg && pkg === designSystemPackageOf(ds, target.importFrom)?.pkg.name)) return true;
      continue;
    }
    const at = specifierTarget(ds, filePath, b.from)?.replace(/\/index$/, '');
    if (at && (at === target.importFrom || target.importFrom.startsWith(`${at}/`))) return true;
  }
  return false;
}

/**
 * Whether a raw element is a framed text field drawn in utilities beside a design-system Input whose source writes
 * its look in utilities: a text field whatever its colours (trigger.dev's tier editor draws its name and priority
 * fields by hand in files rendering `<Input>` eight times: judged right). Buttons are not taken so: a clickable plan
 * card or a chip beside the file's `<Button>` is not one (unkey's plan picker cards, judged wrong).
 */
function fieldBesideInput(raw: string[], component: string[] | undefined, key: string): boolean {
  return key === 'input' && !!component?.length && raw.some((c) => !LAYOUT_CLASS.test(c.replace(/^([\w-]+:)+/, '')));
}

/** A stylesheet's shared button class: `btn`/`button`, or its modifiers (`btn-primary`, `btn--outlined`, Bootstrap and BEM). */
const STYLESHEET_BUTTON = /^(btn|button)((-|--)[a-z][\w-]*)?$/;
/** Classes that make a stylesheet button a text link, a menu entry, a close glyph or a piece of another widget. */
const NOT_A_BUTTON_CLASS = /(^|[-_])(link|item|close|icon|tab|toggle|dropdown|menu|nav|option)([-_]|$)/;

/**
 * Unstyled component libraries: their `Button` draws no look, so a button drawn by a stylesheet class does not re-create
 * it (insomnia's `btn btn--clicky` beside react-aria-components' `Button`, which takes its look from each use).
 */
const HEADLESS_PACKAGE =
  /^(react-aria-components|react-aria|@headlessui\/|@radix-ui\/react-|radix-ui$|@ark-ui\/|@base-ui-components\/|@base-ui\/|@ariakit\/)/;

/**
 * Whether a labelled raw `<button>` is drawn by the stylesheet's shared button class (`btn btn-primary`, `btn
 * btn--clicky`): a button look kept in CSS beside the design system's `Button`, the look a reviewer sends to it
 * (growthbook's Bootstrap buttons beside its `ui/Button`). A component's own class (`scroll-btn`, `styles.button`), a
 * `btn-link`, a `dropdown-item` and an icon-only `btn` stay quiet: they are not the shared button; so does a colour the
 * design-system Button's source never writes (`btn bg-blue-500` beside a shadcn Button), a look no variant draws.
 */
export function drawnByButtonClass(
  classes: string[],
  key: string,
  target: { importFrom: string; isPath: boolean; classes?: string[] },
): boolean {
  if (key !== 'button' || (!target.isPath && HEADLESS_PACKAGE.test(target.importFrom))) return false;
  // a colour utility the design-system Button never writes is a look no variant draws (`btn bg-blue-500`)
  if (target.classes?.length && coloursNotIn(classes, target.classes).length) return false;
  return classes.some((c) => STYLESHEET_BUTTON.test(c)) && !classes.some((c) => NOT_A_BUTTON_CLASS.test(c));
}

export type MessageIds = 'rawElement' | 'useComponent';

interface FileImports {
  /** local name -> where it is bound */
  bindings: Map<string, { from: string; imported: string } | 'local'>;
  /** named-import declarations by specifier, for adding a name */
  named: Map<string, TS.NamedImports>;
  /** where a new import statement goes */
  insertAt: number;
  prefix: string;
  quote: string;
  semi: string;
}

function fileImports(ts: TypeScript, sf: TS.SourceFile): FileImports {
  const bindings: FileImports['bindings'] = new Map();
  const named = new Map<string, TS.NamedImports>();
  let lastImport: TS.ImportDeclaration | undefined;
  let lastDirective: TS.Statement | undefined;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      lastImport = st;
      const from = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (clause?.name) bindings.set(clause.name.text, { from, imported: 'default' });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bindings.set(nb.name.text, { from, imported: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) bindings.set(el.name.text, { from, imported: (el.propertyName ?? el.name).text });
        if (!clause?.isTypeOnly && !named.has(from)) named.set(from, nb);
      }
    } else if (!lastImport && ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression)) lastDirective = st;
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) bindings.set(st.name.text, 'local');
    else if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) bindings.set(d.name.text, 'local');
  }
  const sample = lastImport?.moduleSpecifier.getText(sf) ?? '';
  const quote = sample.startsWith('"') ? '"' : "'";
  const semi = lastImport ? (lastImport.getText(sf).trimEnd().endsWith(';') ? ';' : '') : ';';
  const anchor = lastImport ?? lastDirective;
  return { bindings, named, insertAt: anchor ? anchor.getEnd() : 0, prefix: anchor ? '\n' : '', quote, semi };
}

export const preferDesignSystemComponent = defineCheck<Options, MessageIds>({
  meta: {
    id: 'prefer-design-system-component',
    category: 'design-system',
    description: 'Reports raw HTML elements where the design system has a component, with a suggestion that imports it.',
    defaultEffortMinutes: 5,
    defaultSeverity: 'warning',
    preset: 'strict',
    scope: 'file',
    hasSuggestions: true,
    messages: {
      rawElement:
        'Raw `<{{element}}>`: the design system has `{{component}}` (`{{from}}`); use it so styles, states and accessibility stay consistent.',
      useComponent: 'Use `{{component}}` from `{{from}}`',
    },
    defaultOptions: { ignoreElements: [], report: 'confident' },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreElements: {
          type: 'array',
          items: { type: 'string' },
          description: 'Raw elements never reported, e.g. ["a"] where plain links are fine.',
        },
        report: {
          enum: ['confident', 'all'],
          description:
            'confident (default): with an inferred design system, only raw elements whose classes re-create the component look (three or more of its look classes, at most one of their own, no colour of their own); all: every raw element the component replaces.',
        },
      },
    },
  },
  run(ctx) {
    const { ts, sourceFile: sf, filePath } = ctx;
    const ds = designSystemOf(ctx.settings);
    // in a monorepo, the components this file's own workspace package can import (never another app's directory)
    const elements = ds ? elementsFor(ds, filePath) : {};
    if (!ds || ctx.isTestFile || Object.keys(elements).length === 0) return;
    if (isDesignSystemFile(ds, filePath) || !isDesignSystemConsumer(ds, filePath)) return;
    // an illustration or a marketing animation draws a mock UI: its buttons are pictures of buttons
    if (isIllustrationFile(filePath)) return;
    // a component kept in a `design-system` folder is one of the system's own pieces, whatever the inferred system
    if (/(^|\/)design-system\//.test(filePath)) return;
    const ignore = new Set(ctx.options.ignoreElements);
    // a design system the team configured is its declaration: every raw element it replaces is reported
    const confidentOnly = (ctx.options.report ?? 'confident') === 'confident' && ds.source === 'inferred';
    let imports: FileImports | undefined;

    const check = (el: TS.JsxOpeningElement | TS.JsxSelfClosingElement): void => {
      const tag = jsxTagText(ts, el.tagName);
      if (!/^[a-z]/.test(tag) || tag.includes('.') || tag.includes(':') || ignore.has(tag)) return;
      const key = rawElementKeyOf(ts, el, tag);
      const target = elements[key];
      if (!target) return;
      if (confidentOnly) {
        const classes = rawElementClasses(ts, el);
        imports ??= fileImports(ts, sf);
        if (
          !recreatesLook(classes, target.classes) &&
          !drawnByButtonClass(classes, key, target) &&
          !(fieldBesideInput(classes, target.classes, key) && rendersBeside(ds, filePath, imports, target))
        )
          return;
      }
      const from = importSpecifierFor(ds, filePath, target);
      const suggestions: CheckSuggestion[] = [];
      if (!/^h[1-6]$/.test(tag)) {
        // headings keep their level in an API we do not know: no mechanical rewrite for them
        imports ??= fileImports(ts, sf);
        const bound = imports.bindings.get(target.component);
        let local: string | undefined;
        const edits: TextEdit[] = [];
        const existing = [...imports.bindings].find(([, b]) => b !== 'local' && b.from === from && b.imported === target.component);
        if (existing) local = existing[0];
        else if (!bound) {
          local = target.component;
          const nb = imports.named.get(from);
          if (nb) {
            const lastEl = nb.elements[nb.elements.length - 1];
            edits.push(
              lastEl
                ? { start: lastEl.getEnd(), end: lastEl.getEnd(), text: `, ${local}` }
                : { start: nb.getStart(sf) + 1, end: nb.getStart(sf) + 1, text: ` ${local} ` },
            );
          } else {
            const { insertAt, prefix, quote, semi } = imports;
            edits.push({
              start: insertAt,
              end: insertAt,
              text: `${prefix}import { ${local} } from ${quote}${from}${quote}${semi}${insertAt === 0 ? '\n' : ''}`,
            });
          }
        }
        if (local) {
          edits.push({ start: el.tagName.getStart(sf), end: el.tagName.getEnd(), text: local });
          const parent = el.parent;
          if (ts.isJsxOpeningElement(el) && ts.isJsxElement(parent)) {
            const close = parent.closingElement.tagName;
            edits.push({ start: close.getStart(sf), end: close.getEnd(), text: local });
          }
          suggestions.push({
            messageId: 'useComponent',
            data: { component: target.component, from },
            edits: edits.sort((a, b) => a.start - b.start),
          });
        }
      }
      ctx.report({
        node: el.tagName,
        messageId: 'rawElement',
        data: { element: tag, component: target.component, from },
        fingerprintCode: `<${key}>->${target.component}`,
        ...(suggestions.length ? { suggestions } : {}),
      });
    };
    const visit = (n: TS.Node): void => {
      if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) check(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  },
});
