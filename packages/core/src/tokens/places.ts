/**
 * Places whose style values cannot or need not use the project's design tokens: renderers without CSS
 * variables (react-pdf, `next/og` / satori image routes, email templates), vendored third-party
 * stylesheets, starter stylesheets left in a playground, and frozen versioned copies of one stylesheet.
 */

/**
 * Libraries whose output has no CSS cascade: PDFs, images rendered by satori, HTML email (React Email and the
 * packages built on it under another scope, `@responsive-email/react-email`: react-email's site's email
 * components, 2 judged wrong).
 */
const NO_TOKEN_RENDERERS =
  /^(@react-pdf\/|react-pdf$|next\/og$|@vercel\/og$|satori($|\/)|@react-email\/|(@[\w.-]+\/)?react-email($|\/)|mjml($|[-/])|@faire\/mjml)/;
/** A project module that wraps an email library (`@acme/email`, `../emails/template`, `~/lib/mail-components`). */
const EMAIL_MODULE = /(^|[/@])(e-?mails?|mail)([-/]|$)|[-_]e-?mails?(\/|$)/i;
const IMPORT_SPECIFIERS = /(?:^|[\s;])(?:import\s[^'"]*?from\s*|import\s*|export\s[^'"]*?from\s*|require\(\s*)['"]([^'"]+)['"]/g;

/** Whether a root-relative path or specifier is a project's email module (its components style HTML email, not the app). */
export function isEmailModule(path: string): boolean {
  return EMAIL_MODULE.test(path);
}

/** Why a TS/JSX file's style values cannot use tokens, or null. */
export function tokenlessScriptReason(text: string): string | null {
  const head = text.length > 20000 ? text.slice(0, 20000) : text;
  for (const m of head.matchAll(IMPORT_SPECIFIERS)) {
    const spec = m[1]!;
    if (NO_TOKEN_RENDERERS.test(spec)) return `renders through ${spec}`;
    // a project's own email components: only JSX files that render them, not a mail-sending helper's callers
    if (EMAIL_MODULE.test(spec) && !spec.startsWith('node:') && /<(Html|Body|Preview|Section|Container|Tailwind)\b/.test(head))
      return `renders email through ${spec}`;
  }
  return null;
}

/** Stylesheets of third-party widgets that projects copy in as they are. */
const VENDOR_STYLESHEETS =
  /^(_?normalize|_?reset|docsearch|algolia|prism(-[\w-]+)?|highlight|hljs|github(-markdown)?|atom-one-[\w-]+|monokai|dracula|tomorrow(-night)?|solarized[\w-]*|bootstrap[\w-]*|font-?awesome[\w-]*|animate|nprogress|katex|swiper[\w-]*|slick[\w-]*|leaflet|mapbox-gl|codemirror|materialize|pikaday|tocbot|gridstack[\w-]*|flatpickr|tippy|toastify|react-datepicker|rc-[\w-]+|simplemde|easymde|quill[\w.-]*|cropper|dropzone|photoswipe|fullcalendar)\.(s?css)$/i;
/** A licence, copyright or source-URL header: the file was copied from somewhere else. */
const VENDOR_HEADER =
  /licen[cs]e|copyright|\(c\)\s*\d{4}|©|@preserve|@license|https?:\/\/\S+\.(s?css)\b|^\s*(source|from|based on|taken from|copied from)\s*:?\s*https?:\/\//im;
/** The stylesheet of a freshly generated Vite or Create React App project. */
const STARTER_MARKERS = /\.read-the-docs\b|\blogo-spin\b|\.App-logo\b|\.App-header\b/;
const SATELLITE_SEGMENT = /(^|\/)(storybook|\.storybook|playgrounds?|sandbox(es)?|examples?|demos?)\//;

/** Why a stylesheet's values are not the project's own design decisions, or null. */
export function tokenlessStylesheetReason(path: string, text: string): string | null {
  const name = path.split('/').pop() ?? path;
  if (/\.min\.(s?css)$/i.test(name)) return 'minified third-party stylesheet';
  if (VENDOR_STYLESHEETS.test(name)) return 'third-party stylesheet';
  const head = leadingComments(text);
  if (head && VENDOR_HEADER.test(head)) return 'stylesheet copied from a third party (licence or source header)';
  if (/^(App|index)\.s?css$/.test(name) && STARTER_MARKERS.test(text) && SATELLITE_SEGMENT.test(path))
    return 'starter stylesheet of a playground';
  return null;
}

/** The comments before the first rule (and any `@charset`), at most 1500 characters. */
function leadingComments(text: string): string {
  let i = 0;
  let out = '';
  const s = text.slice(0, 4000);
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith('@charset', i)) {
      const semi = s.indexOf(';', i);
      if (semi < 0) break;
      i = semi + 1;
      continue;
    }
    if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      if (end < 0) break;
      out += s.slice(i + 2, end) + '\n';
      i = end + 2;
      continue;
    }
    if (s.startsWith('//', i)) {
      const end = s.indexOf('\n', i);
      out += s.slice(i + 2, end < 0 ? s.length : end) + '\n';
      i = end < 0 ? s.length : end;
      continue;
    }
    break;
  }
  return out.slice(0, 1500);
}

/** `css/style-v21.css` -> `css/style.css`: the name of a stylesheet without its version suffix, or null when it has none. */
function unversioned(path: string): { base: string; version: number[] } | null {
  const m = /^(.*?)[-_.](?:v(\d+(?:[._]\d+)*)|(\d+(?:[._]\d+)+))(\.s?css)$/i.exec(path);
  if (!m) return null;
  return { base: `${m[1]}${m[4]}`, version: (m[2] ?? m[3])!.split(/[._]/).map(Number) };
}

/**
 * Stylesheets that are older versioned copies of another one in the same folder (`style-v20.css` and
 * `style-v21.css` beside `style-v22.css`): only the newest is the project's stylesheet.
 */
export function olderStylesheetCopies(paths: readonly string[]): Set<string> {
  const groups = new Map<string, Array<{ path: string; version: number[] }>>();
  for (const p of paths) {
    const u = unversioned(p);
    if (!u) continue;
    const list = groups.get(u.base) ?? [];
    list.push({ path: p, version: u.version });
    groups.set(u.base, list);
  }
  const older = new Set<string>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => compareVersions(b.version, a.version));
    for (const x of list.slice(1)) older.add(x.path);
  }
  return older;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * A file of an email templates folder (`server/emails/templates/Signin.tsx`, `src/email-templates/`): email
 * clients know no CSS variables nor the app's theme, whatever library renders the HTML.
 */
export function isEmailTemplatePath(path: string): boolean {
  return /(^|\/)(emails|email-templates|mail-templates)\//i.test(path) || /(^|\/)templates\/e-?mails?\//i.test(path);
}

/**
 * Illustrations, marketing animations and mock-UI graphics (`onboarding/illustrations/`, `chat-demo-animation.tsx`,
 * `placeholders/feature-graphics/`, `EmailsSortedIllustration.tsx`): drawings whose colours, 9px labels and
 * fake buttons imitate a UI (often someone else's) at a scale of their own; the design system's tokens and
 * components are not theirs. Judged wrong every time on dub, inbox-zero and midday.
 */
export function isIllustrationFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    /(^|\/)([\w-]*-)?(illustrations?|animations?|graphics|mockups?)\//i.test(path) ||
    /(illustration|animation|graphic|mockup)s?\.[jt]sx?$/i.test(name)
  );
}

/** Dev playgrounds and embed test pages: a file named `playground.*` or under a `playground(s)` folder. */
export function isPlaygroundFile(path: string): boolean {
  return /(^|\/)playgrounds?(\/|\.[jt]sx?$)/i.test(path);
}

/** Directories of docs sites, examples and playgrounds: their tokens are theirs alone. */
const SATELLITE_DIRS = new Set([
  'docs',
  'doc',
  'dev-docs',
  'website',
  'site',
  'examples',
  'example',
  'demo',
  'demos',
  'playground',
  'playgrounds',
  'storybook',
  '.storybook',
  'sandbox',
  'sandboxes',
]);

/** The satellite directory a file lies in (`dev-docs`, `apps/docs`), or undefined. */
export function satelliteScope(file: string): string | undefined {
  const parts = file.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (SATELLITE_DIRS.has(parts[i]!)) return parts.slice(0, i + 1).join('/');
  return undefined;
}
