import { IDIOMS, ROLES } from './catalog.js';
import type { ChoiceDefinition, RoleDefinition } from './catalog.js';

/** One choice of one role. */
export interface ChoiceRef {
  role: string;
  choice: string;
}

/** `@scope/name/sub` -> `@scope/name`; `lodash/get` -> `lodash`. */
export function packageOfSpecifier(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

function packagePatternMatches(pattern: string, specifier: string): boolean {
  if (pattern.endsWith('/*')) return specifier.startsWith(pattern.slice(0, -1)) && specifier.length > pattern.length - 1;
  const star = pattern.indexOf('*');
  if (star >= 0) return packageOfSpecifier(specifier).startsWith(pattern.slice(0, star));
  return specifier === pattern || specifier.startsWith(`${pattern}/`);
}

const regexCache = new Map<string, RegExp>();
function re(source: string): RegExp {
  let r = regexCache.get(source);
  if (!r) regexCache.set(source, (r = new RegExp(source)));
  return r;
}

/** Whether an import specifier is one of a choice's packages (ignoring `names`). */
export function choiceHasPackage(choice: ChoiceDefinition, specifier: string): boolean {
  return !!choice.packages?.some((p) => packagePatternMatches(p, specifier));
}

/**
 * The role choices an import stands for. `names` are the imported names (`default`, `*`, or named
 * imports), or null when unknown (a side-effect import, `require`, `import()`). Within a role, the first
 * matching choice wins. Choices that count only through chain calls (`dayjs(d).format()`) are left out.
 */
export function matchImport(specifier: string, names: readonly string[] | null): readonly ChoiceRef[] {
  // a pure function of its arguments, asked again for every call of an imported binding: memoized
  const key = names === null ? `${specifier}\u0001` : `${specifier}\u0000${names.join('\u0000')}`;
  return remember(importMemo, key, () => computeMatchImport(specifier, names));
}

/** Bound of each memo of this module (a long-lived process, such as an editor, sees many specifiers). */
const MEMO_LIMIT = 20_000;
const importMemo = new Map<string, readonly ChoiceRef[]>();
const chainMemo = new Map<string, ReadonlyArray<ChoiceRef & { methods: readonly string[] }>>();

/** The memoized (frozen) answer for `key`, computed on first need; the memo starts over when full. */
function remember<T>(memo: Map<string, readonly T[]>, key: string, compute: () => T[]): readonly T[] {
  let hit = memo.get(key);
  if (!hit) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (hit = Object.freeze(compute())));
  }
  return hit;
}

function computeMatchImport(specifier: string, names: readonly string[] | null): ChoiceRef[] {
  const out: ChoiceRef[] = [];
  for (const role of ROLES) {
    for (const choice of role.choices) {
      if (choice.chainMethods) continue;
      const byPackage = choiceHasPackage(choice, specifier);
      const byPattern = !!choice.specifierPattern && re(choice.specifierPattern).test(specifier);
      if (!byPackage && !byPattern) continue;
      if (choice.names && byPackage) {
        if (!names || !names.some((n) => re(choice.names!).test(n))) continue;
      }
      out.push({ role: role.id, choice: choice.id });
      break;
    }
  }
  return out;
}

/** The choices whose usage is a method call on a chain rooted at an import of `specifier`. */
export function chainChoicesOf(specifier: string): ReadonlyArray<ChoiceRef & { methods: readonly string[] }> {
  return remember(chainMemo, specifier, () => computeChainChoices(specifier));
}

function computeChainChoices(specifier: string): Array<ChoiceRef & { methods: readonly string[] }> {
  const out: Array<ChoiceRef & { methods: readonly string[] }> = [];
  for (const role of ROLES) {
    for (const choice of role.choices) {
      if (choice.chainMethods && choiceHasPackage(choice, specifier))
        out.push({ role: role.id, choice: choice.id, methods: choice.chainMethods });
    }
  }
  return out;
}

/** `window.fetch` -> `fetch`, `globalThis.crypto.randomUUID` -> `crypto.randomUUID`. */
export function normalizeGlobalPath(path: string): string {
  return path.replace(/^(window|globalThis|self|global)\./, '');
}

/** The root identifier of a normalised global path: `crypto` of `crypto.randomUUID`. */
export function globalRoot(path: string): string {
  return path.split('.')[0]!;
}

/** Every root name a global matcher can start with (to skip work on other calls). */
export const GLOBAL_ROOTS: ReadonlySet<string> = new Set(
  ROLES.flatMap((r) => r.choices.flatMap((c) => (c.globals ?? []).map((g) => globalRoot(g)))),
);

/**
 * The choices a call of a global stands for. `path` is the callee as written and normalised
 * (`crypto.randomUUID`), `boundTo` is the import specifier that binds its root, or null when the root is
 * the real global (the caller has checked that no local declaration shadows it).
 */
export function matchGlobal(path: string, boundTo: string | null): ChoiceRef[] {
  const out: ChoiceRef[] = [];
  for (const role of ROLES) {
    for (const choice of role.choices) {
      if (!choice.globals) continue;
      if (boundTo !== null && !choice.globalFrom?.includes(boundTo)) continue;
      const hit = choice.globals.some((g) =>
        g.endsWith('.*') ? path.startsWith(g.slice(0, -1)) && path.length > g.length - 1 : path === g,
      );
      if (hit) {
        out.push({ role: role.id, choice: choice.id });
        break;
      }
    }
  }
  return out;
}

/** The choices a method call by this name stands for, whatever the receiver. */
export function matchMethod(name: string): ChoiceRef[] {
  const out: ChoiceRef[] = [];
  for (const role of ROLES)
    for (const choice of role.choices) if (choice.methods?.includes(name)) out.push({ role: role.id, choice: choice.id });
  return out;
}

export const METHOD_NAMES: ReadonlySet<string> = new Set(ROLES.flatMap((r) => r.choices.flatMap((c) => c.methods ?? [])));

/** Whether `callee` (e.g. `axios.create`, with its root bound to `specifier`) creates a configured client. */
export function instanceFactoryOf(callee: string, specifier: string): ChoiceRef | undefined {
  const member = callee.includes('.') ? callee.slice(callee.indexOf('.')) : '';
  for (const role of ROLES) {
    for (const choice of role.choices) {
      if (!choice.instanceFactories || !choiceHasPackage(choice, specifier)) continue;
      // the root may be imported under any local name: compare the member part
      if (choice.instanceFactories.some((f) => f.slice(f.indexOf('.')) === member && member !== ''))
        return { role: role.id, choice: choice.id };
    }
  }
  return undefined;
}

const TAILWIND_STRONG =
  /^(?:[a-z0-9-]+:)*!?-?(?:(?:m|p)[trblxyse]?-(?:\d+(?:\.5)?|px|auto|\[.+\])|(?:w|h|min-w|min-h|max-w|max-h|size)-(?:\d+(?:\.5)?|\d+\/\d+|full|screen|fit|min|max|auto|px|\[.+\])|gap(?:-[xy])?-\d+(?:\.5)?|space-[xy]-\d+|text-(?:xs|sm|base|lg|[2-9]?xl|[a-z]+-\d{2,3})|bg-[a-z]+-\d{2,3}(?:\/\d+)?|border-[a-z]+-\d{2,3}|rounded-(?:sm|md|lg|xl|2xl|3xl|full|none)|shadow-(?:sm|md|lg|xl|2xl|none)|font-(?:thin|light|normal|medium|semibold|bold|extrabold|black)|leading-(?:\d+|none|tight|snug|normal|relaxed|loose)|tracking-(?:tighter|tight|normal|wide|wider|widest)|z-\d+|opacity-\d+|inset-\d+|top-\d+|left-\d+|right-\d+|bottom-\d+|items-(?:start|end|center|baseline|stretch)|justify-(?:start|end|center|between|around|evenly)|grid-cols-\d+|col-span-\d+|flex-(?:row|col|wrap|1|none|auto)|duration-\d+)$/;
const TAILWIND_VARIANT = /^(?:sm|md|lg|xl|2xl|hover|focus|active|disabled|dark|group-hover|focus-visible|data-\[.+\]|aria-\[.+\]):/;
const TAILWIND_PLAIN =
  /^(?:flex|grid|hidden|block|inline-flex|inline-block|absolute|relative|fixed|sticky|truncate|underline|uppercase|italic|shrink-0|grow|rounded|border|shadow|transition|container|sr-only)$/;

/**
 * Whether a class list is written with Tailwind utilities: at least two utility tokens, one of them
 * unmistakable (`p-4`, `text-gray-500`, `md:flex`), so that plain class names (`hidden`, `active`) alone
 * never count.
 */
export function isUtilityClassList(classes: string): boolean {
  let strong = 0;
  let plain = 0;
  for (const token of classes.split(/\s+/)) {
    if (!token) continue;
    if (TAILWIND_STRONG.test(token) || (TAILWIND_VARIANT.test(token) && token.length > 4)) strong++;
    else if (TAILWIND_PLAIN.test(token)) plain++;
  }
  return strong >= 1 && strong + plain >= 2;
}

/** `./src/api/client.ts` -> `src/api/client`; `src/api/index` -> `src/api`. */
export function normalizeProjectPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .replace(/\.(d\.ts|tsx?|jsx?|mts|cts|mjs|cjs)$/, '')
    .replace(/\/index$/, '')
    .replace(/\/$/, '');
}

/**
 * What a decision's `use` or `instead` value names in a role: one of its choices (by id or by one of its
 * packages), or a project path (a wrapper of the project: `src/api/client`).
 */
export function resolveDecisionValue(
  roleId: string,
  value: string,
): { kind: 'choice'; choice: string } | { kind: 'path'; path: string } | undefined {
  const role = ROLES.find((r) => r.id === roleId);
  if (!role) return undefined;
  const exact = role.choices.find((c) => c.id === value) ?? role.choices.find((c) => c.packages?.includes(value));
  if (exact) return { kind: 'choice', choice: exact.id };
  for (const c of role.choices) if (choiceHasPackage(c, value)) return { kind: 'choice', choice: c.id };
  if (value.startsWith('.') || value.startsWith('/') || /^[\w@~#$-][^\s]*\/[^\s]+$/.test(value))
    return { kind: 'path', path: normalizeProjectPath(value.replace(/^\//, '')) };
  return undefined;
}

/** A problem with one declared decision, in the words of a config error; undefined when it is fine. */
export function checkDecision(decision: {
  role?: string;
  idiom?: string;
  use: string;
  instead?: string[];
}): { key: string; expected: string } | undefined {
  if (!!decision.role === !!decision.idiom)
    return { key: decision.role ? 'idiom' : 'role', expected: 'a decision names exactly one of "role" or "idiom"' };
  if (decision.role) {
    const role = ROLES.find((r) => r.id === decision.role);
    if (!role) return { key: 'role', expected: `unknown role "${decision.role}" (known roles: ${ROLES.map((r) => r.id).join(', ')})` };
    for (const [key, values] of [
      ['use', [decision.use]],
      ['instead', decision.instead ?? []],
    ] as const) {
      for (const v of values) {
        if (!resolveDecisionValue(role.id, v)) {
          return {
            key,
            expected: `"${v}" is neither a choice of role ${role.id} (${role.choices.map((c) => c.id).join(', ')}) nor a project path such as src/api/client`,
          };
        }
      }
    }
    return undefined;
  }
  const idiom = IDIOMS.find((i) => i.id === decision.idiom);
  if (!idiom) return { key: 'idiom', expected: `unknown idiom "${decision.idiom}" (known idioms: ${IDIOMS.map((i) => i.id).join(', ')})` };
  for (const [key, values] of [
    ['use', [decision.use]],
    ['instead', decision.instead ?? []],
  ] as const) {
    for (const v of values) {
      if (!idiom.variants.some((x) => x.id === v))
        return { key, expected: `"${v}" is not a variant of idiom ${idiom.id} (${idiom.variants.map((x) => x.id).join(', ')})` };
    }
  }
  return undefined;
}

/** Whether choice `a` is a companion of `b` in a role, either way round (not drift against each other). */
export function areCompanions(role: RoleDefinition, a: string, b: string): boolean {
  const ca = role.choices.find((c) => c.id === a);
  const cb = role.choices.find((c) => c.id === b);
  return !!(ca?.companions?.includes(b) || cb?.companions?.includes(a));
}

/** Brand logos (`FcGoogle`, `FaXTwitter`, `SiStripe`): icon sets such as lucide do not ship them. */
const BRAND_ICON =
  /^(Si[A-Z]|(Fa6?|Fc|Bs|Ri|Ai|Io5?|Tb|Lu|Bi|Di|Gr|Im|Ti|Cg|Md|Pi)(Brand)?(Github|Gitlab|Bitbucket|Google|Microsoft|Apple|XTwitter|Twitter|Facebook|Linkedin|Discord|Slack|Whatsapp|Telegram|Reddit|Youtube|Instagram|Tiktok|Twitch|Dropbox|Figma|Notion|Stripe|Paypal|Docker|Npm|Okta|Windows|Android|Hubspot|Salesforce|Zapier|Wordpress|Shopify|Mastodon|Medium|Dribbble|Behance|Pinterest|Snapchat|Spotify|Gitea|Keycloak|Openid|Aws|Amazon|Azure|Vercel|Chrome|Firefox|Safari|Edge|Linux|Ubuntu|Yahoo|Zoom|Jira|Trello|Atlassian|Bluesky|Threads|Signal|Skype|Vk|Weixin|Wechat|Line|Kakao|Naver|Yandex))\w*$/;
/** Names that are only error or exception classes: importing them translates that library's errors. */
const ERROR_CLASS = /(Error|Exception)$/;

const importsIcons = (spec: string, names: string[]) => matchImport(spec, names).some((r) => r.role === 'icons');

/**
 * The icon packages a file imports brand logos from (`FcGoogle` from `react-icons/fc`). The file needs that
 * library for the logos, so its other icons from it (the matching provider icons of a sign-in form) are not
 * a choice of icon set either.
 */
export function brandIconPackages(imports: ReadonlyArray<{ spec: string; names: string[] }>): Set<string> {
  const out = new Set<string>();
  for (const { spec, names } of imports) {
    if (names.some((n) => BRAND_ICON.test(n)) && importsIcons(spec, names)) out.add(packageOfSpecifier(spec));
  }
  return out;
}

/**
 * Whether an import of these names from `spec` chooses the library: not when the names are all brand logos
 * or error classes, nor when the file imports brand logos from the same package (`brandPackages`, from
 * `brandIconPackages` over the file's imports).
 */
export function importChoosesLibrary(spec: string, names: string[], brandPackages?: ReadonlySet<string>): boolean {
  if (!names.length || names.includes('default') || names.includes('*')) return true;
  if (names.every((n) => ERROR_CLASS.test(n))) return false;
  if (!importsIcons(spec, names)) return true;
  return !names.every((n) => BRAND_ICON.test(n)) && !brandPackages?.has(packageOfSpecifier(spec));
}
