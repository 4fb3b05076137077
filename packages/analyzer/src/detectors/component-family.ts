import { designSystemOf, isDesignSystemFile } from '@plumbline/core';
import type { ModuleSettings, RuleMeta } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DraftFinding } from '../detector.js';
import { factsOf } from '../facts.js';
import type { FileFacts } from '../facts.js';
import { extractor as componentsExtractor } from '../facts/components.js';
import type { ComponentSignatureFact } from '../facts/components.js';
import { shadowsOf } from './design-system-shadow.js';
import { copiedRegions } from './copied-code.js';
import type { CopiedPlace } from './copied-code.js';
import { inOneFolder } from './copied-code/tier.js';
import { copiesApart } from './copied-code/apart.js';
import type { PackageLike } from './copied-code/apart.js';
import {
  componentSizes,
  importersIndex,
  isPrimitive,
  keeperOf,
  keepSentence,
  ownContentSize,
  roleEdges,
  roleOf,
  sharedRootSize,
} from './shared/variant-families.js';
import { ModuleResolver } from '../resolve.js';
import { codeEvidence, isConfident, sharesRenderOnly } from './shared/family-evidence.js';
import type { Report } from './shared/family-evidence.js';

export interface Options {
  /** Dice similarity of the pq-gram profiles at or above which two components are near-duplicates */
  threshold: number;
  /** smallest component considered, in signature nodes (elements, props, text and expression slots) */
  minNodes: number;
  /** smallest family reported */
  minMembers: number;
  /** `confident` (default): the tier reviewers keep (isConfident in family-evidence); `all`: every family found */
  report: Report;
}

const DEFAULTS: Options = { threshold: 0.85, minNodes: 15, minMembers: 2, report: 'confident' };
/** Variants of one role: the smallest compared, the tree similarity two primitives need, and two other components. */
const ROLE = { minNodes: 3, primitiveFloor: 0, packageFloor: 0.3, threshold: 0.7, packageTree: 0.85, apartFloor: 0.5 };
/**
 * A family shares its render only (see family-evidence) when no two members are one component after renaming at most
 * 8 identifiers, or one per 120 tokens of the smaller, and their trees are less than 0.97 alike.
 */
const RENDER_ONLY = { renames: 8, tokensPerRename: 120, sameTree: 0.97 };

export const meta: RuleMeta = {
  id: 'component-family',
  category: 'duplication',
  description: 'Reports families of React components that render near-identical element trees, one finding per family.',
  defaultEffortMinutes: 20,
  defaultSeverity: 'warning',
  preset: 'strict',
  scope: 'project',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: {
        type: 'number',
        minimum: 0.5,
        maximum: 1,
        description: 'Tree similarity (0-1) at or above which two components are near-duplicates (default 0.85).',
      },
      minNodes: {
        type: 'integer',
        minimum: 3,
        description:
          'Smallest component considered, in nodes of its rendered tree: elements, props, text and expression slots (default 15).',
      },
      minMembers: { type: 'integer', minimum: 2, description: 'Smallest family reported (default 2).' },
      report: {
        enum: ['confident', 'all'],
        description:
          'confident (default): only families whose every pair of members is one component written again (whole code, identifiers and literals abstracted, at least 0.96 alike) or whose trees are at least 0.94 alike with code at least 0.8 alike; all: every family found, variant families of one role and families that share their render only included.',
      },
    },
  },
};

/** Elements of inline SVG: icon components are drawings, not duplicated UI. */
const SVG_TAGS =
  /^(svg|path|g|circle|rect|line|polyline|polygon|ellipse|defs|clipPath|linearGradient|radialGradient|stop|mask|use|symbol|title|desc|pattern|filter|fe[A-Z]\w*|text|tspan|image|foreignObject|animate\w*)$/;

/** react-native-svg (and libraries like it) export the SVG primitives capitalised: `<Svg>`, `<Path>`, `<G>`. */
const SVG_COMPONENTS =
  /^(Svg|Path|G|Circle|Rect|Line|Polyline|Polygon|Ellipse|Defs|ClipPath|LinearGradient|RadialGradient|Stop|Mask|Use|Symbol|Pattern|TSpan|TextPath|ForeignObject)$/;
/** Elements that draw something. */
const DRAWING = /^(path|circle|rect|line|polyline|polygon|ellipse|g|use)$/i;

export function isIconLike(c: ComponentSignatureFact): boolean {
  if (c.rootElement === 'svg' || c.rootElement === 'Svg') return true;
  const raw = c.tags.filter((t) => /^[a-z]/.test(t));
  if (raw.length > 0 && raw.every((t) => SVG_TAGS.test(t)) && raw.includes('svg')) return true;
  // artwork without its <svg> (`createIcon(<><path d=".." /></>)`) or drawn with react-native-svg: nothing but SVG primitives
  const tags = c.tags.filter((t) => !/^(React\.)?Fragment$/.test(t));
  return tags.length > 0 && tags.every((t) => SVG_TAGS.test(t) || SVG_COMPONENTS.test(t)) && tags.some((t) => DRAWING.test(t));
}

/** Dice similarity of two sorted bags of pq-gram hashes: 2|A ∩ B| / (|A| + |B|). */
export function bagSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0,
    j = 0,
    common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

const NUM_HASHES = 48;
const ROWS = 4;
const SEEDS: Array<[number, number]> = Array.from({ length: NUM_HASHES }, (_, i) => [
  (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0,
  Math.imul(i + 7, 0x85ebca6b) >>> 0,
]);

/**
 * The MinHash signature of a gram set: per hash function, the least hash of its grams. `signed` keeps the hash of
 * releases before the fix: its last xor left a signed number, so a negative hash beat every stored one and the row
 * held the last gram with its top bit set rather than the least (two trees 0.94 alike shared 8 of 48 rows, and
 * near-identical components were never compared). design-system-shadow still asks for it until its owner measures
 * the change.
 */
function minhash(grams: readonly number[], signed: boolean): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  let prev = -1;
  for (const g of grams) {
    if (g === prev) continue;
    prev = g;
    for (let i = 0; i < NUM_HASHES; i++) {
      let x = Math.imul(g ^ SEEDS[i]![1], SEEDS[i]![0]) >>> 0;
      x ^= x >>> 16;
      x = Math.imul(x, 0x7feb352d) >>> 0;
      x ^= x >>> 15;
      if (!signed) x >>>= 0;
      if (x < sig[i]!) sig[i] = x;
    }
  }
  return sig;
}

/** The LSH band keys of a gram set, kept with it (a file version's components recur in every snapshot of `trend`). */
const BANDS = { fixed: new WeakMap<readonly number[], string[]>(), signed: new WeakMap<readonly number[], string[]>() };
function bandKeys(grams: readonly number[], signed: boolean): string[] {
  const cache = signed ? BANDS.signed : BANDS.fixed;
  let keys = cache.get(grams);
  if (keys) return keys;
  const sig = minhash(grams, signed);
  keys = [];
  for (let b = 0; b < NUM_HASHES / ROWS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `:${sig[b * ROWS + r]!.toString(36)}`;
    keys.push(key);
  }
  cache.set(grams, keys);
  return keys;
}

/**
 * Candidate pairs of near-duplicate items by locality-sensitive hashing: MinHash signatures of the gram
 * sets, banded (12 bands of 4 rows), so only items sharing a band are compared, never all pairs.
 * Returns index pairs [i, j] with i < j, each once. `hash`: 'fixed' (the least hash per row, as MinHash means;
 * component-family), 'signed' (the hash of earlier releases, see minhash; the default, kept for design-system-shadow).
 */
export function lshCandidates(items: ReadonlyArray<readonly number[]>, hash: 'signed' | 'fixed' = 'signed'): Array<[number, number]> {
  const buckets = new Map<string, number[]>();
  items.forEach((grams, idx) => {
    for (const key of bandKeys(grams, hash === 'signed')) (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(idx);
  });
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const n = items.length;
  for (const members of buckets.values()) {
    if (members.length < 2 || members.length > 400) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!,
          j = members[y]!;
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([i, j]);
      }
    }
  }
  return out;
}

export interface ComponentRef {
  file: FileFacts;
  c: ComponentSignatureFact;
}

/** Components that may belong to a family: big enough, not icons, not in tests or the design system itself. */
export function familyCandidates(files: readonly FileFacts[], minNodes: number, skipFile: (f: FileFacts) => boolean): ComponentRef[] {
  const out: ComponentRef[] = [];
  for (const file of files) {
    if (file.isTestFile || skipFile(file)) continue;
    for (const c of factsOf(file, componentsExtractor)?.components ?? []) {
      if (c.size >= minNodes && !isIconLike(c)) out.push({ file, c });
    }
  }
  return out;
}

export interface Family {
  members: ComponentRef[];
  /** lowest and highest similarity among the edges that joined it */
  min: number;
  max: number;
  /** joined by role (see variant-families) as well as, or instead of, near-identical trees */
  byRole: boolean;
}

/**
 * Near-duplicate families: identical shapes are grouped first, LSH proposes candidate pairs among the
 * distinct shapes of at least `minNodes` nodes, the pq-gram similarity confirms them, and confirmed pairs,
 * with the `roleEdges` given (indices of `refs`), are joined (union-find).
 */
export function findFamilies(
  refs: readonly ComponentRef[],
  threshold: number,
  more: { minNodes?: number; roleEdges?: ReadonlyArray<readonly [number, number, number]> } = {},
): Family[] {
  const byShape = new Map<string, number[]>();
  const minNodes = more.minNodes ?? 0;
  refs.forEach((r, i) => {
    // components below minNodes are no family by shape alone: each stands for itself, for the role edges
    const key = r.c.size >= minNodes ? r.c.shape : `#${i}`;
    (byShape.get(key) ?? byShape.set(key, []).get(key)!).push(i);
  });
  const reps = [...byShape.values()];
  const repOf = new Map<number, number>();
  reps.forEach((g, i) => g.forEach((r) => repOf.set(r, i)));
  const parent = reps.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const big = (g: number[]) => refs[g[0]!]!.c.size >= minNodes;
  const lo = reps.map((g) => (g.length > 1 && big(g) ? 1 : Infinity));
  const hi = reps.map((g) => (g.length > 1 && big(g) ? 1 : -Infinity));
  const role = reps.map(() => false);
  const join = (i: number, j: number, s: number, byRole: boolean) => {
    const ri = find(i),
      rj = find(j);
    const root = Math.min(ri, rj);
    lo[root] = Math.min(lo[ri]!, lo[rj]!, s);
    hi[root] = Math.max(hi[ri]!, hi[rj]!, s);
    role[root] = role[ri]! || role[rj]! || byRole;
    parent[Math.max(ri, rj)] = root;
  };
  const ratio = threshold / (2 - threshold);
  const sized = reps.map((g, i) => [g, i] as const).filter(([g]) => big(g));
  for (const [x, y] of lshCandidates(
    sized.map(([g]) => refs[g[0]!]!.c.grams),
    'fixed',
  )) {
    const i = sized[x]![1],
      j = sized[y]![1];
    const a = refs[reps[i]![0]!]!.c.grams,
      b = refs[reps[j]![0]!]!.c.grams;
    if (Math.min(a.length, b.length) < ratio * Math.max(a.length, b.length)) continue;
    const s = bagSimilarity(a, b);
    if (s >= threshold) join(i, j, s, false);
  }
  for (const [a, b, s] of more.roleEdges ?? []) join(repOf.get(a)!, repOf.get(b)!, s, true);
  const groups = new Map<number, number[]>();
  reps.forEach((g, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(...g);
  });
  const out: Family[] = [];
  for (const [root, ids] of groups) {
    if (ids.length < 2) continue;
    const members = ids
      .map((i) => refs[i]!)
      .sort((x, y) => (x.file.path < y.file.path ? -1 : x.file.path > y.file.path ? 1 : x.c.line - y.c.line));
    out.push({ members, min: lo[root]!, max: hi[root]!, byRole: role[root]! });
  }
  return out;
}

const fmt = (n: number) => n.toFixed(2);
/** Names of loading placeholders: `MembersSkeleton`, `SkeletonRow`, `ListLoader`, `TableLoading`. */
const LOADING = /Skeleton|Shimmer|(Loader|Loading)s?$/;
/** Routing elements: a section's table of routes (`<Switch><Route path=.. /></Switch>`) is configuration, alike by nature. */
const ROUTING = /^(Switch|Routes|Route|Redirect|Navigate|Outlet)$/;
const isRouteTable = (m: ComponentRef) =>
  m.c.tags.includes('Route') && m.c.tags.filter((t) => /^[A-Z]/.test(t) && !ROUTING.test(t)).length <= 2;
/** Elements a route module of React Router or Remix exports by name, one per route. */
const ROUTE_EXPORTS = /^(ErrorBoundary|HydrateFallback)$/;
/**
 * Demonstrations: a component under a folder of demos, stories, playgrounds, sandboxes, examples or testing pages (a route
 * `storybook.layout/`), or named for one (`SidebarFixedDemo`): examples are spelled out side by side on purpose.
 */
const DEMO_PATH = /(^|\/)(testing|storybook[^/]*|playground|sandbox|demos?|examples?)(\/|\.)/i;
const isDemo = (m: ComponentRef) => DEMO_PATH.test(m.file.path) || /(Demo|Example)s?$/.test(m.c.name);
/** A template or theme of a registry (`templates/azurill.tsx`, `templates/gengar.tsx`): each a design of its own. */
const TEMPLATE_FILE = /(^|\/)(templates|themes)\/[^/]+\.[jt]sx$/;
/** Email templates: react-email's `<Html>` document, or a file under an `email(s)/` directory. */
const EMAIL_TEMPLATES = /(^|\/)e-?mails?\/(.*\/)?[^/]+\.[jt]sx$/;

/**
 * A route module of a file-system router (Next.js's `app/…/page.tsx`, `layout.tsx`, `template.tsx`, `not-found.tsx`,
 * `error.tsx`; a Remix or React Router `routes/` module): the router renders it and nothing imports it, so no member of a
 * family of routes can be kept in place of the others (an openstatus judge found "keep `BlogListPage`" infeasible for two Next route pages).
 * Only when nothing does import them: a `routes/` folder of an admin whose router config loads each route by `lazy(() =>
 * import(…))`, and the components beside them that the routes import, have importers (medusa's dashboard, judged false).
 */
const ROUTE_MODULE = /(^|\/)app\/(.*\/)?(page|layout|template|not-found|error)\.[jt]sx$|(^|\/)routes\/(.*\/)?[^/]+\.[jt]sx$/;

/**
 * Whether every member lies in an app or workspace package of its own (`apps/<name>/`, or the nearest workspace package:
 * `apps/web/client/` and `docs/`), no two in one: each app keeps its own not-found page, and the fix is a shared package.
 */
function eachInItsOwnApp(members: readonly ComponentRef[], resolver: ModuleResolver): boolean {
  const apps = members.map((m) => /^apps\/[^/]+\//.exec(m.file.path)?.[0]);
  if (apps.every(Boolean) && new Set(apps).size === apps.length) return true;
  const packages = members.map((m) => resolver.packageOf(m.file.path)?.dir);
  return packages.every((dir) => !!dir) && new Set(packages).size === packages.length;
}

/** Whether the members are designs or copies kept apart on purpose, so that none can be kept in place of the others. */
function designsApart(members: readonly ComponentRef[], root: string, packages: readonly PackageLike[]): boolean {
  // the templates of one registry, side by side in one folder (Reactive-Resume's resume templates, their headers and
  // sections: 3 of 3 judged wrong or debatable): each is a design of its own, the registry picks between them
  const folder = (m: ComponentRef) => m.file.path.slice(0, m.file.path.lastIndexOf('/'));
  if (members.every((m) => TEMPLATE_FILE.test(m.file.path) && folder(m) === folder(members[0]!))) return true;
  // copies between standalone projects (starters a scaffolder copies out), in static folders or among frozen versions
  // cannot share code (copied-code/apart.ts; payload's create-payload-app starters: 18 families judged wrong or debatable)
  return copiesApart(
    root,
    members.map((m) => m.file.path),
    packages,
  );
}

/** Whether most of a component's lines lie in one place of a copied region. */
function insideCopy(m: ComponentRef, region: readonly CopiedPlace[]): boolean {
  const lines = m.c.lastLine - m.c.startLine + 1;
  return region.some((p) => p.path === m.file.path && Math.min(p.endLine, m.c.lastLine) - Math.max(p.line, m.c.startLine) + 1 >= lines / 2);
}

/** Whether a place of a copied region is the component itself: nine tenths of its lines, and not much more (not a file of several). */
function wholeCopy(m: ComponentRef, region: readonly CopiedPlace[]): boolean {
  const lines = m.c.lastLine - m.c.startLine + 1;
  return region.some(
    (p) =>
      p.path === m.file.path &&
      Math.min(p.endLine, m.c.lastLine) - Math.max(p.line, m.c.startLine) + 1 >= 0.9 * lines &&
      p.endLine - p.line + 1 <= lines + Math.max(5, lines / 4),
  );
}

export const detector = defineDetector({
  id: meta.id,
  rules: [meta],
  detect(ctx) {
    const options = ctx.options<Options>('component-family', DEFAULTS);
    const ds = designSystemOf(ctx.settings);
    const refs = familyCandidates(ctx.files, Math.min(options.minNodes, ROLE.minNodes), (f) => !!ds && isDesignSystemFile(ds, f.path));
    const resolver = ModuleResolver.for(ctx.files, ctx.settings);
    const workspacePackages = (ctx.settings.modules as ModuleSettings | undefined)?.packages ?? [];
    const roles = refs.map((r) => roleOf(r, resolver));
    const edges = roleEdges(refs, roles, (a, b) => bagSimilarity(a.c.grams, b.c.grams), { ...ROLE, wrappedBelow: options.minNodes });
    const families = findFamilies(refs, options.threshold, { minNodes: options.minNodes, roleEdges: edges });
    const importers = importersIndex(ctx.files, ctx.settings);
    const roleOfRef = new Map(refs.map((r, i) => [r, roles[i]]));
    // families are left to design-system-shadow and copied-code when those rules run; when this rule is reported
    // and they run for the rating only, what the report shows and what the rating counts are worked out apart
    const shadows = ctx.enabled('design-system-shadow') ? shadowsOf(ctx) : new Map<string, string>();
    const copied = ctx.enabled('copied-code') ? copiedRegions(ctx.files, ctx.options('copied-code', {}), ctx.settings) : [];
    // copied-code shows its confident tier only (copied-code/tier.ts), which keeps copies in one folder: a family copied
    // across folders is rated by copied-code but shown by neither, unless it is shown here (planted variants, renamed
    // copies in other folders, were found by no rule). One folder stands for that tier; copied-code's `all` shows every copy
    const shownCopies =
      ctx.options<{ report?: string }>('copied-code', {}).report === 'all'
        ? copied
        : copied.filter((region) => inOneFolder(region.map((p) => p.path)));
    const apart =
      ctx.defersTo('design-system-shadow', meta.id) !== ctx.enabled('design-system-shadow') ||
      ctx.defersTo('copied-code', meta.id) !== ctx.enabled('copied-code') ||
      shownCopies.length !== copied.length;
    const forReport = {
      shadows: ctx.defersTo('design-system-shadow', meta.id) ? shadows : new Map<string, string>(),
      copied: ctx.defersTo('copied-code', meta.id) ? shownCopies : [],
    };
    const paths = new Set(ctx.files.map((f) => f.path));
    const sizeOf = componentSizes(ctx.files, resolver, (f) => factsOf(f, componentsExtractor)?.components ?? []);
    const findings: DraftFinding[] = [];
    for (const family of families) {
      const rated = judge(family, shadows, copied);
      if (!apart) {
        if (rated) findings.push(rated);
        continue;
      }
      const reported = judge(family, forReport.shadows, forReport.copied);
      if (rated && reported && JSON.stringify(rated) === JSON.stringify(reported)) findings.push(rated);
      else
        findings.push(
          ...(rated ? [{ ...rated, scope: 'rating' as const }] : []),
          // a family below the confident tier is rated, not shown
          ...(reported && reported.scope !== 'rating' ? [{ ...reported, scope: 'report' as const }] : []),
        );
    }
    const shown = findings.filter((f) => f.scope !== 'rating');
    return {
      findings,
      metrics: { components: refs.length, families: shown.length, members: shown.reduce((n, f) => n + 1 + (f.related?.length ?? 0), 0) },
    };

    /** The finding of one family, or null when it is left to another rule or not worth reporting. */
    function judge(family: Family, shadows: ReadonlyMap<string, string>, copied: readonly CopiedPlace[][]): DraftFinding | null {
      // a family of design-system re-implementations is reported once, by design-system-shadow
      const shadowed = family.members.map((m) => shadows.get(`${m.file.path}\0${m.c.name}\0${m.c.line}`));
      if (shadowed.every((s) => s && s === shadowed[0])) return null;
      // and so are the members of a role that re-implement the design system's component for it
      const fam = family.byRole ? { ...family, members: family.members.filter((_, i) => !shadowed[i]) } : family;
      if (fam.members.length < options.minMembers) return null;
      // loading placeholders each mirror the layout they stand in for (4 of 4 judged on the ledger were not worth merging)
      if (fam.members.every((m) => LOADING.test(m.c.name) || /(^|\/)loading\.[jt]sx$/.test(m.file.path))) return null;
      // a route module's own error or fallback element (React Router's and Remix's ErrorBoundary, HydrateFallback): every
      // route exports its own, and they already share a layout (documenso's route ErrorBoundary family, judged wrong)
      if (fam.members.every((m) => ROUTE_EXPORTS.test(m.c.name) && /(^|\/)routes\//.test(m.file.path))) return null;
      // route tables of sections (9 of saleor-dashboard's section routers, judged wrong): each lists its own routes
      if (fam.members.every(isRouteTable)) return null;
      // an email template is a standalone document (as copied-code holds): 5 of 7 email families judged on the ledger were not worth merging
      if (fam.members.every((m) => m.c.rootTag === 'Html' || EMAIL_TEMPLATES.test(m.file.path))) return null;
      // demos and testing pages each show one case (a debug panel copied between two testing pages, a fixed and a
      // resizable sidebar demo on a storybook route: 2 of 2 judged wrong, in two repositories)
      if (fam.members.every(isDemo)) return null;
      // templates of one registry, and copies that cannot share code (separate projects, static folders, frozen versions)
      if (designsApart(fam.members, ctx.root, workspacePackages)) return null;
      // one copy in each app of a monorepo (apps/admin, apps/web): each app keeps its own, the fix is a shared package (3 of 3 judged debatable)
      if (eachInItsOwnApp(fam.members, resolver)) return null;
      // each member only configures one shared component (log filters each filling in FilterCheckbox, layouts each
      // filling in SecondaryNav): the shared component is already there, nothing is left to merge (2 of 2 judged wrong).
      // Not when each is that component at its root, passing its children on: a styled wrapper of a layout primitive
      // (`<Box display="flex" gap={4} {...rest}>{children}</Box>`) is a primitive of its own, and what its variants repeat
      // is that configuration (a planted SettingsFieldStack and its three variants were left out)
      const styledWrapper = (m: ComponentRef) => m.c.rootTag === m.c.configures && isPrimitive(m.c);
      if (fam.members.every((m) => m.c.configures && m.c.configures === fam.members[0]!.c.configures && !styledWrapper(m))) return null;
      // each member fills in one component of the application at its root that is as big as the member itself (blank
      // states each filling in InfoPanel, sign-in rows each filling in AuthenticationMethod, banners each filling in
      // AnimatedOrgBannerBar: judged wrong or debatable in four repositories): that component is the shared one already,
      // and what repeats is its configuration. A design system's component at the root is how it is meant to be used
      const appRoot = sharedRootSize(fam.members, resolver, sizeOf, (path) => paths.has(path) && !(ds && isDesignSystemFile(ds, path)));
      if (appRoot && fam.members.every((m) => m.c.size <= appRoot)) return null;
      // each member delegates its content to a component of its own inside one shell (EditCredits renders UsageSetup,
      // EditExpiration ExpirationSetup, in the same dialog): the family shares the frame only
      const others = (i: number) => fam.members.filter((_, j) => j !== i);
      const alike = (a: readonly number[], b: readonly number[]) => bagSimilarity(a, b) >= options.threshold;
      if (fam.members.every((m, i) => ownContentSize(m, others(i), resolver, sizeOf, alike) >= options.minNodes)) return null;
      // components inside one copied region are copied-code's finding; when each copy is a whole component, the family
      // is reported too, for what copied-code does not say: the member to keep and the importers that would move. Of the
      // regions holding them, one of whole copies counts (a copy edited in its middle is also a region of its parts)
      const holding = copied.filter((region) => fam.members.every((m) => insideCopy(m, region)));
      const held = holding.find((region) => fam.members.every((m) => wholeCopy(m, region)));
      if (holding.length && !held) return null;
      // members that render alike but whose code differs beyond a few renamed identifiers (their own queries, columns,
      // handlers and state around one DataTable or one confirm dialog) share the render only: merging them is a shell
      // with every difference as a prop (on the tuned ledger repositories at 5e82834
      // it drops 44 judged families: 25 of the 40 judged debatable or wrong, and 19 of the 90 judged right)
      if (!fam.byRole && sharesRenderOnly(fam.members, fam.min, RENDER_ONLY)) return null;
      const [first, ...rest] = fam.members;
      const n = fam.members.length;
      const sim = fam.min === fam.max ? fmt(fam.min) : `${fmt(fam.min)}-${fmt(fam.max)}`;
      const names = fam.members.map((m) => m.c.name);
      const role = roleOfRef.get(first!);
      const what = first!.c.rootElement ? `a <${first!.c.rootElement}>` : role ? `a <${first!.c.rootTag}>` : 'the same tree';
      const keep = fam.members.every((m) => ROUTE_MODULE.test(m.file.path) && !importers(m.file.path, m.c.name).length)
        ? 'Each is a route module, which nothing imports: keep the routes and move what they share into one component they render.'
        : keepSentence(fam.members, keeperOf(fam.members, importers));
      const listed = `${fam.members
        .slice(0, 6)
        .map((m) => `${m.c.name} (${m.file.path}:${m.c.line})`)
        .join(', ')}${n > 6 ? ` and ${n - 6} more` : ''}`;
      // below the confident tier: rated as before, not shown (`report: "all"` shows every family)
      const code = options.report === 'all' ? null : codeEvidence(fam.members);
      const confident = !code || isConfident(fam, code);
      return {
        ruleId: 'component-family',
        file: first!.file.path,
        line: first!.c.line,
        column: first!.c.column,
        endLine: first!.c.endLine,
        endColumn: first!.c.endColumn,
        message: fam.byRole
          ? `${n} components play one role, each rendering ${what} of its own (similarity ${sim}): ${listed}. ${keep}`
          : held
            ? `${n} components are copies of one component (similarity ${sim}; copied-code reports the copied lines): ${listed}. ${keep}`
            : `${n} components render ${what} with near-identical structure (similarity ${sim}): ${listed}. ` +
              `Consider one component with props for what differs. ${keep}`,
        fingerprintCode: `family:${[...names].sort().join(',')}`,
        symbolPath: '',
        related: rest.map((m) => ({
          file: m.file.path,
          line: m.c.line,
          message: `${m.c.name}: member of the same family (${m.c.size} nodes)`,
        })),
        effortMinutes: meta.defaultEffortMinutes * (n - 1),
        ...(confident ? {} : { scope: 'rating' as const }),
      };
    }
  },
});
