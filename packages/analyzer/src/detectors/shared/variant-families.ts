// Variant families: components that play one role (the same semantic root element, or the same wrapped
// primitive of a package) and are named for it, even when their trees differ in detail: four button
// primitives in one folder, each with its own props and stylesheet. component-family joins them with its
// near-identical trees into one family, and names the member to keep, what each other member adds and
// the importers that would move.
import type { CheckSettings } from '@plumbline/core';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as componentsExtractor } from '../../facts/components.js';
import type { ComponentSignatureFact } from '../../facts/components.js';
import { extractor as jsxInstances } from '../../facts/jsx-instances.js';
import { extractor as structureFacts } from '../../facts/structure.js';
import type { ModuleResolver } from '../../resolve.js';
import { ProjectSymbols } from '../../symbols.js';

export interface RoleRef {
  file: FileFacts;
  c: ComponentSignatureFact;
}

/** Root elements that say what a component is for; `div`, `span`, `li` or `section` say nothing. */
const ROLE_ELEMENTS = new Set([
  'button',
  'a',
  'input',
  'select',
  'textarea',
  'label',
  'img',
  'dialog',
  'form',
  'table',
  'nav',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'progress',
  'video',
  'iframe',
]);

/**
 * Head words of compound parts and layout pieces: `MenuItem` and `ListItem`, `CardHeader` and
 * `DialogHeader` share one but are parts of different wholes, not variants of one component.
 */
const PART_WORDS = new Set(
  (
    'Item Items Content Wrapper Container Root Provider Providers Header Footer Title Body Trigger Label Description Group List Section ' +
    'Layout Page View Component Element Text Row Cell Icon Separator Portal Overlay Close Action Actions Value Indicator ' +
    'Viewport Slot Form Skeleton Placeholder Empty Loader Loading Error Modal Dialog Sheet Drawer Menu Panel Tab Tabs Step ' +
    'Card Link Image Logo Preview Banner Table Nav Navigation Sidebar Heading Subtitle Caption Hint Message Prefix Suffix'
  ).split(' '),
);

/**
 * Smallest render, in signature nodes, that a part word joins a role by (a styled wrapper of a few props, `<Box display=..
 * gap=.. {...rest}>{children}</Box>`; not a one-element `<h1 className=..>{children}</h1>` of 3).
 */
const PART_MIN_NODES = 6;
/** Smallest render, in signature nodes, of two near-identical wrappers of a package component that pass nothing on. */
const WRAPPED_MIN_NODES = 10;

const wordsOf = (name: string) => name.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*/g) ?? [];

/** The head word of a component name (`PrimaryButton` -> `Button`, `IconBtn` -> `Button`), or null for a part word. */
export function headWord(name: string): string | null {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (!last || last.length < 3) return null;
  const head = last === 'Btn' ? 'Button' : last;
  return PART_WORDS.has(head) ? null : head;
}

/**
 * The head word of a name whose head is a part word (`TopNavWrapper` and `CompactTopNavWrapper` -> `Wrapper`, `Actions`
 * -> `Actions`): variants of one part are named for the whole of the other with a qualifier (see roleEdges), while
 * `MenuItem` and `ListItem` stay apart. Null for a name whose last word is under three letters.
 */
export function partHead(name: string): string | null {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  return last && last.length >= 3 ? last : null;
}

/** Props every component may take: overlapping on them says nothing about a role. */
const GENERIC_PROPS = /^(children|className|style|ref|key|id|as|asChild|props|rest|testId|data-testid|sx|css)$/;

/**
 * The role of a component: its semantic root element (`button`, `a`, `input[type=checkbox]`, a button of
 * icon only `button[icon]`), or the primitive of a package it wraps (`Close@@radix-ui/react-dialog`).
 */
export function roleOf(ref: RoleRef, resolver: ModuleResolver): string | null {
  const { c } = ref;
  if (c.rootElement) {
    if (!ROLE_ELEMENTS.has(c.rootElement)) return null;
    // an input by its type (a checkbox is not a text field); not by content or look: a primitive's content is its caller's
    return c.rootElement === 'input' ? (/^input\[type=[^\]]+\]/.exec(c.rootKey ?? '')?.[0] ?? 'input') : c.rootElement;
  }
  const tag = c.rootTag;
  // a context provider at the root (a ThemeProvider, a QueryClientProvider) is an app's wiring, not a primitive
  if (!tag || /^[a-z]/.test(tag) || /^(React\.)?Fragment$/.test(tag) || /Provider$/.test(tag)) return null;
  // a bare pass-through of a package's component (`<Popover {...props}>{children}</Popover>`) is that component, not a variant of it
  if (c.size <= 5 && !c.face?.classes.length) return null;
  const inst = factsOf(ref.file, jsxInstances)?.instances.find((i) => i.tag === tag);
  if (!inst || inst.origin !== 'import' || !inst.from) return null;
  // a path alias the resolver cannot follow (`@/components/…` of a nested app) is the repository's own component, not a package's
  if (/^[@~#]\//.test(inst.from)) return null;
  const r = resolver.resolve(ref.file.path, inst.from);
  return r.kind === 'package' ? `${inst.imported ?? tag}@${r.name}` : null;
}

/** The workspace package a path lies in (`apps/web/`, `packages/ui/`), or '' outside one. */
const workspaceOf = (path: string) => /^(apps|packages)\/[^/]+\//.exec(path)?.[0] ?? '';

/** A generic primitive: it renders what the caller gives (children, or its props spread onto its root) with little logic. */
export const isPrimitive = (c: ComponentSignatureFact) => !!c.face?.passesChildren && c.face.hooks <= 2;

export interface RoleEdgeOptions {
  /** tree similarity two primitives of one role and head word need (their props and styles differ) */
  primitiveFloor: number;
  /**
   * tree similarity two primitives wrapping one package component need: a behaviour wrapper at the root (react-aria's
   * DialogTrigger) says little of the role, a dialog opener and a menu button share it (0.05 alike, judged wrong)
   */
  packageFloor: number;
  /** tree similarity two other components of one role and head word need */
  threshold: number;
  /**
   * tree similarity two components wrapping one package component need when they are not primitives: near-identical
   * (a `<Box>` of two `<Text>`s written again under a qualified name), as a package's component at the root is often a
   * page (an email's `<Html>`) whose look-alikes are no variants
   */
  packageTree: number;
  /**
   * and they join so only when one is smaller than this (component-family's minNodes): two bigger near-identical trees are
   * a family by their trees, held to what their whole code shares (a Stripe and a Paddle payment button, each with its own
   * flow); a pair across it (a `<Tooltip>` of 13 nodes and its variant of 16) joins here, as neither path would join it
   */
  wrappedBelow: number;
  /**
   * tree similarity two primitives in different folders need: a set of button primitives is written in one folder, while
   * a filter pill and a card's hover badge in two features share their `<button>` root only (0.13 alike, judged wrong)
   */
  apartFloor: number;
  /** smallest component compared, in signature nodes */
  minNodes: number;
}

/**
 * Pairs [i, j, similarity] of `refs` that play one role: the same role, the same head word, exported from
 * different files, neither rendering the other (an IconButton that wraps Button is composition), and
 * either both generic primitives or, rooted in a semantic element, trees at least `threshold` alike.
 */
export function roleEdges(
  refs: readonly RoleRef[],
  roles: ReadonlyArray<string | null>,
  similarity: (a: RoleRef, b: RoleRef) => number,
  options: RoleEdgeOptions,
): Array<[number, number, number]> {
  const buckets = new Map<string, number[]>();
  refs.forEach((r, i) => {
    const role = roles[i];
    // a part word joins by the whole name only (below), and only trees alike of some size: a one-element `AuthPageTitle`
    // and `SettingsPageTitle` are parts of two compounds, as shadcn's CardTitle and DialogTitle are
    const part = r.c.size >= PART_MIN_NODES ? partHead(r.c.name) : null;
    const head = headWord(r.c.name) ?? (part && `part:${part}`);
    if (!role || !head || !r.c.exported || r.c.size < options.minNodes) return;
    const key = `${role}\0${head}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(i);
  });
  const out: Array<[number, number, number]> = [];
  for (const [key, ids] of buckets) {
    const part = /\0part:/.test(key);
    // sixty components of one role and name are a naming scheme, not variants; parts pair by whole names only (below)
    if (ids.length < 2 || (!part && ids.length > 60)) continue;
    const names = part ? [...new Set(ids.map((i) => refs[i]!.c.name))] : [];
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const a = refs[ids[x]!]!,
          b = refs[ids[y]!]!;
        if (part && !variantNames(a.c.name, b.c.name, names)) continue;
        const s = roleSimilarity(a, b, options, part, similarity);
        if (s !== null) out.push([ids[x]!, ids[y]!, s]);
      }
    }
  }
  return out;
}

/**
 * Whether two names of one part word name variants of one thing: one is the other's whole name with a qualifier
 * (`CompactTopNavWrapper` for `TopNavWrapper`, `ModalActions` for `Actions`), or both qualify the name of a third
 * component of the role (`CompactMicrocopyLink` and `CustomMicrocopyLink`, with `MicrocopyLink`). `AddressElementForm`
 * and `RatingElementForm` are the forms of two elements, parts of two wholes (no `ElementForm` is there).
 */
function variantNames(a: string, b: string, names: readonly string[]): boolean {
  if (a.endsWith(b) || b.endsWith(a)) return true;
  return names.some((n) => n !== a && n !== b && a.endsWith(n) && b.endsWith(n));
}

/** The similarity of two components of one role bucket when they play that role together, else null. */
function roleSimilarity(
  a: RoleRef,
  b: RoleRef,
  options: RoleEdgeOptions,
  part: boolean,
  similarity: (a: RoleRef, b: RoleRef) => number,
): number | null {
  if (a.file.path === b.file.path || a.c.tags.includes(b.c.name) || b.c.tags.includes(a.c.name)) return null;
  // a primitive of one workspace package (an embeddable widget's own Button) serves that package's bundle, not another's
  if (workspaceOf(a.file.path) !== workspaceOf(b.file.path)) return null;
  const primitives = isPrimitive(a.c) && isPrimitive(b.c);
  // a package's component at the root (an email's <Html>, a PDF's <Document>) is a page, not a primitive: such members
  // join when both pass children on, or when both render some size and are near-identical
  const wrapped = !primitives && !a.c.rootElement;
  if (wrapped && (Math.min(a.c.size, b.c.size) < WRAPPED_MIN_NODES || Math.min(a.c.size, b.c.size) >= options.wrappedBelow)) return null;
  const s = similarity(a, b);
  // a bare part word (`Form`, `Actions`) names no whole: its variants (`CdnForm`, `ModalActions`) join when near-identical
  // (openstatus's three tools' own forms, `Form` and `CdnForm`, are 0.7 alike)
  if (part && (wordsOf(a.c.name).length === 1 || wordsOf(b.c.name).length === 1) && s < options.packageTree) return null;
  const floor = wrapped
    ? options.packageTree
    : !primitives || part
      ? options.threshold
      : a.c.rootElement
        ? options.primitiveFloor
        : options.packageFloor;
  if (s < options.apartFloor && dirOf(a.file.path) !== dirOf(b.file.path)) return null;
  return s >= floor ? s : null;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * Files that import each exported component, by `path\0name` of its declaration: named and default imports, followed
 * through every re-export on the way (a folder's `index.ts` with `export * from './order-by'`, `export { default as X }`,
 * barrels of barrels: medusa's `DataTableOrderBy`, imported by 3 files through its folder's index, counted 0 before).
 * A namespace import or a dynamic `import()` of a module imports the whole module.
 */
export function importersIndex(files: readonly FileFacts[], settings: CheckSettings): (path: string, name: string) => string[] {
  const symbols = new ProjectSymbols(files, settings);
  const index = new Map<string, Set<string>>();
  const add = (key: string, from: string) => (index.get(key) ?? index.set(key, new Set()).get(key)!).add(from);
  for (const f of files) {
    for (const i of symbols.structureOf(f.path)?.imports ?? []) {
      if (i.typeOnly || (i.kind !== 'import' && i.kind !== 'dynamic')) continue;
      const target = symbols.fileOf(f.path, i.specifier);
      if (!target) continue;
      // a dynamic import() names no binding (`lazy(() => import('./x').then((m) => m.X))`): it imports the whole module
      const names = i.kind === 'dynamic' && !i.names.length ? [{ imported: '*' }] : i.names;
      for (const n of names) {
        const b = n.imported === '*' ? null : symbols.resolveExport(target, n.imported);
        if (b?.kind === 'local') add(`${b.file}\0${b.local}`, f.path);
        else add(`${b?.kind === 'namespace' ? b.file : target}\0*`, f.path);
      }
    }
  }
  return (path, name) =>
    [...new Set([...(index.get(`${path}\0${name}`) ?? []), ...(index.get(`${path}\0*`) ?? [])])].filter((p) => p !== path).sort();
}

export interface Keeper<R extends RoleRef> {
  keep: R;
  importers: Map<R, string[]>;
}

/** The member to keep: the most imported, then the one with the most props, then the shortest name, then the first path. */
export function keeperOf<R extends RoleRef>(members: readonly R[], importersOf: (path: string, name: string) => string[]): Keeper<R> {
  const importers = new Map(members.map((m) => [m, importersOf(m.file.path, m.c.name)]));
  const score = (m: R) => [importers.get(m)!.length, m.c.face?.props.length ?? 0, -m.c.name.length];
  let keep = members[0]!;
  for (const m of members.slice(1)) {
    const [a, b] = [score(m), score(keep)];
    const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
    if (cmp > 0) keep = m;
  }
  return { keep, importers };
}

/** What `m` has that `keep` has not: props (the generic ones left out) and root classes. */
export function addsOver(m: RoleRef, keep: RoleRef): { props: string[]; classes: string[] } {
  const kp = new Set(keep.c.face?.props ?? []);
  const kc = new Set(keep.c.face?.classes ?? []);
  return {
    props: (m.c.face?.props ?? []).filter((p) => !kp.has(p) && !GENERIC_PROPS.test(p)),
    classes: (m.c.face?.classes ?? []).filter((c) => !kc.has(c)),
  };
}

const list = (xs: readonly string[], max: number) =>
  `${xs.slice(0, max).join(', ')}${xs.length > max ? ` and ${xs.length - max} more` : ''}`;

/** "keep `Button` (src/ui/button.tsx:3, imported by 6 files); `GhostButton` adds props tone; classes .ghost; 7 importers would move: …" */
export function keepSentence<R extends RoleRef>(members: readonly R[], k: Keeper<R>): string {
  const n = (m: R) => k.importers.get(m)!.length;
  const files = (x: number) => `${x} file${x === 1 ? '' : 's'}`;
  const parts = [`Keep \`${k.keep.c.name}\` (${k.keep.file.path}:${k.keep.c.line}, imported by ${files(n(k.keep))})`];
  for (const m of members) {
    if (m === k.keep) continue;
    const add = addsOver(m, k.keep);
    const what = [
      ...(add.props.length ? [`props ${list(add.props, 4)}`] : []),
      ...(add.classes.length ? [`classes ${list(add.classes, 3)}`] : []),
    ];
    // only props and root classes are compared: a member whose logic differs (its own query, schema, redirect) still
    // "adds no props or classes", never "nothing of its own" (judges of midday, openstatus and karakeep read that as false)
    parts.push(`\`${m.c.name}\` adds ${what.length ? what.join('; ') : 'no props or classes of its own'}`);
  }
  const moving = [...new Set(members.filter((m) => m !== k.keep).flatMap((m) => k.importers.get(m)!))].sort();
  const tail = moving.length
    ? `${moving.length} importer${moving.length === 1 ? '' : 's'} would move: ${list(moving, 4)}`
    : 'no importer would move';
  return `${parts.join('; ')}; ${tail}.`;
}

/** Sizes of the components defined in the repository, by path and name (`default` for a default export), through one re-export. */
export function componentSizes(
  files: readonly FileFacts[],
  resolver: ModuleResolver,
  componentsOf: (f: FileFacts) => readonly ComponentSignatureFact[],
): (path: string, name: string) => number {
  const sizes = new Map<string, number>();
  const byName = new Map<string, number | null>(); // null: defined more than once
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const f of files) {
    for (const c of componentsOf(f)) {
      sizes.set(`${f.path}\0${c.name}`, c.size);
      if (c.exported) byName.set(c.name, byName.has(c.name) ? null : c.size);
    }
    for (const e of factsOf(f, structureFacts)?.exports ?? []) {
      if (e.kind === 'default' && e.local) sizes.set(`${f.path}\0default`, sizes.get(`${f.path}\0${e.local}`) ?? 0);
    }
  }
  return (path, name) => {
    // an import the resolver cannot follow (a path alias of a nested app): the one exported component of that name
    if (!path) return byName.get(name) ?? 0;
    const own = sizes.get(`${path}\0${name}`);
    if (own !== undefined) return own;
    const re = factsOf(byPath.get(path)!, structureFacts)?.exports.find((e) => e.kind === 're-export' && e.name === name && e.from);
    const r = re ? resolver.resolve(path, re.from!) : null;
    return r?.kind === 'file' ? (sizes.get(`${r.path}\0${re!.local ?? name}`) ?? 0) : 0;
  };
}

/**
 * The size of the one component that every member renders at its root, when it is defined in a file `isAppFile` accepts
 * (a file of the repository, not the design system's), or 0 when they root in no such one component.
 */
export function sharedRootSize(
  members: readonly RoleRef[],
  resolver: ModuleResolver,
  sizeOf: (path: string, name: string) => number,
  isAppFile: (path: string) => boolean,
): number {
  const defs = members.map((m) => (m.c.rootTag && !m.c.rootElement ? definitionOf(m.file, m.c.rootTag, resolver) : ''));
  const [def] = defs;
  if (!def || defs.some((d) => d !== def) || !def.includes('\0')) return 0;
  const cut = def.indexOf('\0');
  const path = def.slice(0, cut);
  if (!isAppFile(path)) return 0;
  return sizeOf(path, def.slice(cut + 1));
}

/** A component of the file itself, by name. */
const localOf = (file: FileFacts, tag: string) => factsOf(file, componentsExtractor)?.components.find((c) => c.name === tag);

/** What a tag of a component's file stands for: its definition (`path\0name`, or the package and name), not its spelling. */
export function definitionOf(file: FileFacts, tag: string, resolver: ModuleResolver): string {
  const inst = factsOf(file, jsxInstances)?.instances.find((i) => i.tag === tag);
  if (inst?.origin === 'local') return `${file.path}\0${tag}`;
  if (inst?.origin === 'import' && inst.from) {
    const r = resolver.resolve(file.path, inst.from);
    return r.kind === 'file' ? `${r.path}\0${inst.imported ?? tag}` : `${inst.from}\0${inst.imported ?? tag}`;
  }
  return tag;
}

/**
 * The size of the components of the repository that `m` renders and no other member does, together: the content it
 * delegates (EditCredits renders UsageSetup and EditExpiration renders ExpirationSetup, in one dialog shell; a docs page
 * of each component renders demos of its own, `BasicDemo` and `StatesDemo` defined in each page's file). A component
 * is another member's when it is the same definition, or a component of the same name in another member's file that
 * `alike` holds near-identical (a `Tooltip` copied with its chart and edited a little is the same content in both), not
 * merely the same name: two pages' own `BasicDemo`s are two.
 */
export function ownContentSize(
  m: RoleRef,
  others: readonly RoleRef[],
  resolver: ModuleResolver,
  sizeOf: (path: string, name: string) => number,
  alike: (a: readonly number[], b: readonly number[]) => boolean,
): number {
  const theirs = new Set(others.flatMap((o) => o.c.tags.map((t) => definitionOf(o.file, t, resolver))));
  const copied = (tag: string) => {
    const mine = localOf(m.file, tag);
    return (
      !!mine && others.some((o) => o.file !== m.file && o.c.tags.includes(tag) && alike(mine.grams, localOf(o.file, tag)?.grams ?? []))
    );
  };
  const instances = factsOf(m.file, jsxInstances)?.instances ?? [];
  let total = 0;
  for (const tag of m.c.tags) {
    if (!/^[A-Z]/.test(tag) || theirs.has(definitionOf(m.file, tag, resolver))) continue;
    const inst = instances.find((i) => i.tag === tag);
    let size = 0;
    if (inst?.origin === 'local') size = copied(tag) ? 0 : sizeOf(m.file.path, tag);
    else if (inst?.origin === 'import' && inst.from) {
      const r = resolver.resolve(m.file.path, inst.from);
      if (r.kind === 'file') size = sizeOf(r.path, inst.imported ?? tag);
      else if (/^[@~#]\//.test(inst.from)) size = sizeOf('', inst.imported ?? tag);
    }
    total += size;
  }
  return total;
}
