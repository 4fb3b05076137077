import {
  ELEMENT_COMPONENT_NAMES,
  canImport,
  coloursNotIn,
  designSystemOf,
  isColourClass,
  elementsFor,
  isCustomClass,
  minorSystem,
  projectOf,
  designSystemPackageOf,
  isDesignSystemConsumer,
  isDesignSystemFile,
  looksLikePrimitive,
  wrappedElement,
} from '@plumbline/core';
import type { DesignSystemSettings, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DetectorContext, DetectorResult, DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import type { FileFacts } from '../facts.js';
import { extractor as componentsExtractor } from '../facts/components.js';
import type { ComponentSignatureFact } from '../facts/components.js';
import { extractor as jsxInstances } from '../facts/jsx-instances.js';
import { ModuleResolver } from '../resolve.js';
import { bagSimilarity, isIconLike, lshCandidates } from './component-family.js';

export interface Options {
  /** tree similarity at or above which a local component re-implements a design-system one */
  threshold: number;
  /** smallest component compared by structure, in signature nodes */
  minNodes: number;
}

const DEFAULTS: Options = { threshold: 0.85, minNodes: 12 };

/**
 * MinHash as component-family has it since 7e2b5a4: the least hash per row. The signed hash of earlier releases kept
 * the last gram hashed negative instead, so near-identical trees often shared no band and were never compared.
 */
const HASH = 'fixed';

export const meta: RuleMeta = {
  id: 'design-system-shadow',
  category: 'design-system',
  description:
    'Reports local components that re-implement a design-system component, one finding per design-system component with every re-implementation.',
  defaultEffortMinutes: 30,
  defaultSeverity: 'warning',
  preset: 'all',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: {
        type: 'number',
        minimum: 0.5,
        maximum: 1,
        description:
          'Tree similarity (0-1) to a design-system component at or above which a local component re-implements it (default 0.85).',
      },
      minNodes: {
        type: 'integer',
        minimum: 3,
        description: 'Smallest local component compared by structure, in nodes of its rendered tree (default 12).',
      },
    },
  },
};

/** Words of a PascalCase name that stand for a design-system component's name. */
const ALIASES: Record<string, string[]> = {
  Button: ['Btn'],
  Image: ['Img'],
  Dialog: ['Dlg', 'Modal'],
  Modal: ['Dialog'],
  Link: ['Anchor'],
  Textarea: ['TextArea'],
  TextArea: ['Textarea'],
};

const words = (name: string) => name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];

/** Whether a local name reads as a variant of a design-system name: `BlueButton`, `MainBtn`, `ButtonPrimary`. */
export function nameMatches(local: string, dsName: string): boolean {
  const lw = words(local).map((w) => w.toLowerCase());
  for (const variant of [dsName, ...(ALIASES[dsName] ?? [])]) {
    const dw = words(variant).map((w) => w.toLowerCase());
    for (let i = 0; i + dw.length <= lw.length; i++) {
      if (dw.every((w, j) => lw[i + j] === w)) return true;
    }
  }
  return false;
}

/** A class that draws a box at rest: a fill, a border on every side, a ring, a shadow, or the project's own button class. */
const BOX_AT_REST =
  /^!?(bg-(?!transparent$|none$|inherit$)|border(-\d+|-\[[^\]]+\])?$|ring(-\d+)?$|shadow(?!-none$)|(\w+[-_])?(btn|button)([-_]\w+)?$)/;

/**
 * Whether a button's root classes draw a box before it is hovered. A ghost or toolbar control (only a hover fill, an
 * icon beside a label), or an underline tab (`border-b-2`) is not what a design-system Button draws: inbox-zero's
 * ActionButton and TabButton, langfuse's toolbar buttons, dub's onboarding text buttons were judged wrong or debatable.
 * Without literal utility classes (a styled component, a CSS module) the look is not known, and the name decides.
 */
function drawsBoxAtRest(classes: readonly string[] | undefined): boolean {
  // `.row` (styles.row of a CSS module) and `primary` are classes of the project's stylesheet: the look is there
  return !classes?.length || classes.some((c) => c.startsWith('.') || isCustomClass(c) || (!c.includes(':') && BOX_AT_REST.test(c)));
}

/**
 * Words of a name that make the component a part of another widget or a choice among several: an option card
 * (`AskUserOptionButton`), a dropdown's entry (`DropdownLink`), a trigger (`FilterTriggerButton`), a sidebar or menu
 * row (`AppSidebarButtonItem`), a tab (`TabButton`). The widget's own part replaces it, not the Button or the Link
 * (growthbook, unkey, plane, inbox-zero: judged wrong), unless the design-system name has the word too.
 */
const PART_WORDS = new Set(
  'option options tab tabs item items row cell chip tag pill tile swatch toggle trigger menu dropdown sidebar segment'.split(' '),
);

export function namesAPart(local: string, dsName: string): boolean {
  const own = new Set(words(dsName).map((w) => w.toLowerCase()));
  return words(local).some((w) => !own.has(w.toLowerCase()) && PART_WORDS.has(w.toLowerCase()));
}

/**
 * Whether a local root's literal utilities write a colour the design-system component's source never writes in any
 * variant: a look of its own that the component has no variant for (langfuse's muted comment chip, unkey's
 * translucent sign-in button on a dark backdrop: judged wrong). Unknown on either side (a styled component, a CSS
 * module, a component whose colours are its stylesheet's `btn-primary`, or whose source is not here): the name decides.
 */
function hasOwnColours(local: readonly string[] | undefined, system: readonly string[] | undefined): boolean {
  if (!local?.length || !system?.some(isColourClass) || local.some((c) => c.startsWith('.') || isCustomClass(c))) return false;
  return coloursNotIn(local, system).length > 0;
}

interface DsTarget {
  name: string;
  importFrom: string;
  /** `importFrom` is a root-relative module path (a design system kept as a directory), not a package */
  isPath: boolean;
  element: string | null;
  /** its root's key by content and look, when its source is in this repository (see rawElementKeyOf) */
  rootKey?: string | null;
  /** it declares no props and passes no children on: one fixed content (an empty state with its own words) */
  fixed?: boolean;
  /** the utility classes its source writes (base and variants), when the design system's element map has them */
  classes?: string[];
  /** where it is defined in this repository, if it is */
  file?: string;
  line?: number;
}

export interface Shadow {
  file: FileFacts;
  c: ComponentSignatureFact;
  target: DsTarget;
  /** how it was recognised */
  by: { kind: 'structure'; similarity: number } | { kind: 'name' };
}

/** Whether an import specifier of `from` refers to the design system (its package or its directories). */
export function designSystemImportTest(ds: DesignSystemSettings, resolver: ModuleResolver): (from: string, specifier: string) => boolean {
  return (from, specifier) => {
    if (designSystemPackageOf(ds, specifier)) return true;
    const r = resolver.resolve(from, specifier);
    return r.kind === 'file' && isDesignSystemFile(ds, r.path);
  };
}

const cache = new WeakMap<DetectorContext['files'], Shadow[]>();

/** Every local component that re-implements a design-system component (memoised per run). */
export function findShadows(ctx: DetectorContext): Shadow[] {
  const hit = cache.get(ctx.files);
  if (hit) return hit;
  const ds = designSystemOf(ctx.settings);
  const out: Shadow[] = [];
  if (!ds) {
    cache.set(ctx.files, out);
    return out;
  }
  const options = ctx.options<Options>('design-system-shadow', DEFAULTS);
  const resolver = ModuleResolver.for(ctx.files, ctx.settings);
  const isDsImport = designSystemImportTest(ds, resolver);

  // the design system's components: from the facts of its files (with structure), else from settings; keyed by name
  // and where they are imported from, as two apps' directories may each have an Input
  const targets = new Map<string, DsTarget & { grams?: number[]; size?: number }>();
  const keyOf = (t: { name: string; importFrom: string }) => `${t.name}\0${t.importFrom}`;
  for (const f of ctx.files) {
    if (!isDesignSystemFile(ds, f.path) || f.isTestFile) continue;
    const stem = f.path.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
    const pkg = ds.packages.find((p) => p.dir !== null && (p.dir === '' || f.path.startsWith(`${p.dir}/`)));
    for (const c of factsOf(f, componentsExtractor)?.components ?? []) {
      if (!c.exported || c.name === 'default') continue;
      // this file's own entry: its module path, else its package's, else the name alone
      const named = ds.components.filter((d) => d.name === c.name);
      const known =
        named.find((d) => d.isPath && d.importFrom === stem) ??
        named.find((d) => !d.isPath && !!pkg && designSystemPackageOf(ds, d.importFrom)?.pkg === pkg) ??
        named[0];
      if (ds.components.length && !known) continue; // not exported from an entry point
      const t = {
        name: c.name,
        importFrom: known?.importFrom ?? pkg?.name ?? stem,
        isPath: known?.isPath ?? !pkg,
        element: wrappedElement(c.rootElement, c.elementHint),
        rootKey: c.rootKey ?? null,
        fixed: !!c.face && c.face.props.length === 0 && !c.face.passesChildren,
        file: f.path,
        line: c.line,
        grams: c.grams,
        size: c.size,
      };
      targets.set(keyOf(t), t);
    }
  }
  for (const d of ds.components)
    if (!targets.has(keyOf(d))) targets.set(keyOf(d), { name: d.name, importFrom: d.importFrom, isPath: d.isPath, element: d.element });
  for (const [element, e] of Object.entries(ds.elements)) {
    const t = targets.get(keyOf({ name: e.component, importFrom: e.importFrom }));
    if (t && t.element === null) t.element = element;
    if (t && e.classes) t.classes = e.classes;
    else if (!t)
      targets.set(keyOf({ name: e.component, importFrom: e.importFrom }), {
        name: e.component,
        importFrom: e.importFrom,
        isPath: e.isPath,
        element,
        ...(e.classes ? { classes: e.classes } : {}),
      });
  }
  // what a local component may be sent to: a component its own package can import, and not one of a system far less
  // used than the main one (a legacy system being left), unless that is the one its package's raw elements go to
  const minor = minorSystem(ds.systems ?? []);
  const offered = (file: string, t: DsTarget) =>
    canImport(ds, file, t) && (!minor(t) || Object.values(elementsFor(ds, file)).some((e) => e.importFrom === t.importFrom));
  const byElement = new Map<string, DsTarget[]>();
  for (const t of targets.values()) if (t.element) (byElement.get(t.element) ?? byElement.set(t.element, []).get(t.element)!).push(t);

  // local components, and the design-system components each one already renders
  const locals: Array<{ file: FileFacts; c: ComponentSignatureFact; rendersDs: Set<string> }> = [];
  // the workspace packages whose files render the design system: one that depends on it but renders none of it keeps
  // primitives of its own (unkey's portal app, 29 importers of its own components/ui, none of @unkey/ui)
  const using = new Set<string | undefined>();
  for (const f of ctx.files) {
    if (f.isTestFile || isDesignSystemFile(ds, f.path) || !isDesignSystemConsumer(ds, f.path)) continue;
    const dsTags = new Set<string>();
    for (const i of factsOf(f, jsxInstances)?.instances ?? []) {
      if (i.origin === 'import' && i.from && isDsImport(f.path, i.from)) dsTags.add(i.tag);
    }
    if (dsTags.size) using.add(projectOf(ds, f.path)?.dir);
    const comps = factsOf(f, componentsExtractor)?.components ?? [];
    for (const c of comps) {
      if (isIconLike(c)) continue;
      const rendersDs = new Set(c.tags.filter((t) => dsTags.has(t)));
      locals.push({ file: f, c, rendersDs });
    }
  }

  const found = new Map<number, Shadow>();
  // 1. by name around the same raw element: BlueButton rendering <button>, where the DS Button wraps <button>;
  //    only for elements a design-system component stands for (a <div> or <form> root says nothing), and only
  //    when the root looks like that primitive: an icon-only button, a text link, a bare wrapper or a piece of
  //    an input group named ...Button or ...Input is not what the design-system component draws
  locals.forEach((l, i) => {
    const el = l.c.rootElement;
    if (!el || !ELEMENT_COMPONENT_NAMES[el]) return;
    let best: DsTarget | undefined;
    for (const t of byElement.get(el) ?? []) {
      if (l.rendersDs.has(t.name) || !nameMatches(l.c.name, t.name) || !offered(l.file.path, t)) continue;
      // an inferred system's component whose source is not here (an npm package): what it draws and does is not
      // known, so a name is not enough (insomnia's PromptButton and homarr's ImagePreview against react-aria's
      // Button and Mantine's Image: none judged right); a configured one is taken at its word
      if (ds.source === 'inferred' && !t.isPath && designSystemPackageOf(ds, t.importFrom)?.pkg.dir === null) continue;
      // a frameless input is a shadow of an Input that has a frameless mode (its classes say `border-none`) too
      const frameless = (k: string | null | undefined) => k === 'input[bare]' || k === 'input[group]';
      const sameLook = frameless(l.c.rootKey) && frameless(t.rootKey);
      if (!looksLikePrimitive(l.c.rootKey, el) && !sameLook) continue;
      if (el === 'button' && !drawsBoxAtRest(l.c.face?.classes)) continue;
      if (namesAPart(l.c.name, t.name) || (!sameLook && hasOwnColours(l.c.face?.classes, t.classes))) continue;
      if (!best || t.name.length > best.name.length) best = t;
    }
    if (best) found.set(i, { file: l.file, c: l.c, target: best, by: { kind: 'name' } });
  });
  // 2. by structure: a local tree near-identical to a design-system component's tree
  // a component of one fixed content (no props, no children) cannot replace a copy with other words: unkey's
  // EmptyAuditLogs is not EmptyApiRequests, though their trees are one (judged wrong)
  const structural = [...targets.values()].filter((t) => t.grams && (t.size ?? 0) >= options.minNodes && !t.fixed);
  const candidates = locals.map((l, i) => ({ l, i })).filter(({ l }) => l.c.size >= options.minNodes);
  if (structural.length && candidates.length) {
    const items = [...structural.map((t) => t.grams!), ...candidates.map(({ l }) => l.c.grams)];
    const best = new Map<number, { t: DsTarget; s: number }>();
    for (const [x, y] of lshCandidates(items, HASH)) {
      if (x >= structural.length || y < structural.length) continue; // one design-system, one local
      const t = structural[x]!;
      const { l, i } = candidates[y - structural.length]!;
      if (l.rendersDs.has(t.name) || (l.c.name === t.name && l.file.path === t.file) || !offered(l.file.path, t)) continue;
      // a tree built of design-system components already uses the system: two compositions of its Select or Checkbox
      // alike in shape serve different purposes (formbricks' ValidationRuleFieldSelector is not ShuffleOptionSelect,
      // judged wrong), unless the local one has the very name (a copy of the system's LoadMoreFooter kept in the app)
      if (l.rendersDs.size > 0 && l.c.name !== t.name) continue;
      const s = bagSimilarity(t.grams!, l.c.grams);
      if (s >= options.threshold && (!best.get(i) || best.get(i)!.s < s)) best.set(i, { t, s });
    }
    for (const [i, { t, s }] of best) {
      if (!found.has(i)) found.set(i, { file: locals[i]!.file, c: locals[i]!.c, target: t, by: { kind: 'structure', similarity: s } });
    }
  }
  for (const [i, sh] of found) if (ds.projects && !using.has(projectOf(ds, sh.file.path)?.dir)) found.delete(i);
  out.push(...[...found.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s));
  cache.set(ctx.files, out);
  return out;
}

/** Map from `path\0name\0line` of a local component to the design-system component it re-implements. */
export function shadowsOf(ctx: DetectorContext): Map<string, string> {
  return new Map(findShadows(ctx).map((s) => [`${s.file.path}\0${s.c.name}\0${s.c.line}`, `${s.target.name}\0${s.target.importFrom}`]));
}

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    const groups = new Map<string, Shadow[]>();
    for (const s of findShadows(ctx)) {
      const key = `${s.target.name}\0${s.target.importFrom}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
    }
    const findings: DraftFinding[] = [];
    // the raw root element of a re-implementation is part of this finding, not one more of its own
    const supersedes: NonNullable<DetectorResult['supersedes']> = [];
    for (const s of findShadows(ctx)) {
      if (s.by.kind !== 'name' || !s.c.rootElement) continue;
      for (const d of s.file.checkFindings) {
        if (
          d.ruleId === 'prefer-design-system-component' &&
          d.line >= s.c.startLine &&
          d.line <= s.c.lastLine &&
          d.fingerprintCode.startsWith(`<${s.c.rootElement}>`)
        ) {
          supersedes.push({ ruleId: d.ruleId, file: d.file, line: d.line, column: d.column });
        }
      }
    }
    for (const members of groups.values()) {
      members.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.c.line - b.c.line));
      const t = members[0]!.target;
      const n = members.length;
      const first = members[0]!;
      const how = (s: Shadow) =>
        s.by.kind === 'structure'
          ? `renders the same tree (similarity ${s.by.similarity.toFixed(2)})`
          : `renders a raw <${s.c.rootElement}>, as \`${t.name}\` does`;
      const sims = members.flatMap((m) => (m.by.kind === 'structure' ? [m.by.similarity] : []));
      const lo = Math.min(...sims).toFixed(2),
        hi = Math.max(...sims).toFixed(2);
      const why =
        sims.length === 0
          ? `they render a raw <${first.c.rootElement}>, as \`${t.name}\` does`
          : sims.length === n
            ? `they render the same tree (similarity ${lo === hi ? lo : `${lo}-${hi}`})`
            : 'by name around the same raw element, or by the same rendered tree';
      const list =
        members
          .slice(0, 6)
          .map((m) => `${m.c.name} (${m.file.path}:${m.c.line})`)
          .join(', ') + (n > 6 ? ` and ${n - 6} more` : '');
      const related = members
        .slice(1)
        .map((m) => ({ file: m.file.path, line: m.c.line, message: `${m.c.name} ${how(m)}: re-implements ${t.name}` }));
      if (t.file && t.line) related.push({ file: t.file, line: t.line, message: `${t.name}: the design-system component to use` });
      findings.push({
        ruleId: 'design-system-shadow',
        file: first.file.path,
        line: first.c.line,
        column: first.c.column,
        endLine: first.c.endLine,
        endColumn: first.c.endColumn,
        message:
          n === 1
            ? `\`${first.c.name}\` re-implements the design system's \`${t.name}\`: it ${how(first)}. Use \`${t.name}\` from \`${t.importFrom}\` instead.`
            : `${n} components re-implement the design system's \`${t.name}\` (${why}): ${list}. Use \`${t.name}\` from \`${t.importFrom}\` instead.`,
        fingerprintCode: `shadow:${t.name}:${members
          .map((m) => m.c.name)
          .sort()
          .join(',')}`,
        symbolPath: '',
        related,
        effortMinutes: meta.defaultEffortMinutes * n,
      });
    }
    return { findings, supersedes, metrics: { shadowed: groups.size, components: [...groups.values()].reduce((a, g) => a + g.length, 0) } };
  },
});
