// The generated monorepo's design system (@acme/design-system: tokens, theme CSS, components) and its
// shared utilities (@acme/utils). Written once; the features around them are generated per size.
import { rng } from './random.mjs';

export const COLORS = {
  primary: '#2563eb',
  primaryHover: '#1d4ed8',
  secondary: '#64748b',
  success: '#16a34a',
  warning: '#d97706',
  danger: '#dc2626',
  info: '#0891b2',
  text: '#111827',
  textMuted: '#6b7280',
  border: '#e5e7eb',
  surface: '#ffffff',
  background: '#f9fafb',
  overlay: '#0f172a',
};
export const SPACING = { none: 0, xxs: 2, xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32, xxxl: 48 };
export const FONT_SIZES = { xs: 12, sm: 14, md: 16, lg: 18, xl: 20, xxl: 24, display: 32 };
export const RADII = { none: 0, sm: 2, md: 4, lg: 8, xl: 12, full: 9999 };
export const Z_INDEX = { base: 0, dropdown: 1000, sticky: 1100, modal: 1300, toast: 1400, tooltip: 1500 };
export const DURATIONS = { fast: 150, normal: 250, slow: 400 };

const kebabOf = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function tokensJson() {
  const group = (obj, unit) =>
    Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, { value: unit && typeof v === 'number' ? `${v}${unit}` : v }]));
  return `${JSON.stringify(
    {
      color: group(COLORS),
      spacing: group(SPACING, 'px'),
      fontSize: group(FONT_SIZES, 'px'),
      radius: group(RADII, 'px'),
      zIndex: group(Z_INDEX),
      duration: group(DURATIONS, 'ms'),
    },
    null,
    2,
  )}\n`;
}

function themeCss() {
  const lines = [':root {'];
  for (const [k, v] of Object.entries(COLORS)) lines.push(`  --color-${kebabOf(k)}: ${v};`);
  for (const [k, v] of Object.entries(SPACING)) lines.push(`  --spacing-${k}: ${v}px;`);
  for (const [k, v] of Object.entries(FONT_SIZES)) lines.push(`  --font-size-${k}: ${v}px;`);
  for (const [k, v] of Object.entries(RADII)) lines.push(`  --radius-${k}: ${v}px;`);
  for (const [k, v] of Object.entries(Z_INDEX)) lines.push(`  --z-${kebabOf(k)}: ${v};`);
  for (const [k, v] of Object.entries(DURATIONS)) lines.push(`  --duration-${k}: ${v}ms;`);
  lines.push(
    '}',
    '',
    'body {',
    '  margin: 0;',
    '  color: var(--color-text);',
    '  background: var(--color-background);',
    '  font-size: var(--font-size-md);',
    '}',
    '',
  );
  return lines.join('\n');
}

function tokensTs() {
  const obj = (o) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => `    ${k}: ${typeof v === 'string' ? `'${v}'` : v},`)
      .join('\n')}\n  }`;
  return `/** Design tokens, mirrored from tokens.json for use in TypeScript styles. */
export const tokens = {
  color: ${obj(COLORS)},
  spacing: ${obj(SPACING)},
  fontSize: ${obj(FONT_SIZES)},
  radius: ${obj(RADII)},
  zIndex: ${obj(Z_INDEX)},
  duration: ${obj(DURATIONS)},
} as const;

export type ColorToken = keyof typeof tokens.color;
export type SpacingToken = keyof typeof tokens.spacing;

export function space(...keys: SpacingToken[]): string {
  return keys.map((k) => \`\${tokens.spacing[k]}px\`).join(' ');
}
`;
}

/** The design system's components: name -> element it renders, props it takes. */
const DS_COMPONENTS = [
  ['Button', 'button', ['variant', 'size', 'disabled', 'loading', 'onClick', 'type']],
  ['IconButton', 'button', ['icon', 'label', 'size', 'onClick']],
  ['Input', 'input', ['value', 'onChange', 'placeholder', 'disabled', 'invalid']],
  ['TextArea', 'textarea', ['value', 'onChange', 'rows', 'placeholder']],
  ['Select', 'select', ['value', 'onChange', 'options', 'placeholder']],
  ['Checkbox', 'input', ['checked', 'onChange', 'label']],
  ['Switch', 'button', ['checked', 'onChange', 'label']],
  ['Card', 'section', ['title', 'actions', 'padding']],
  ['Modal', 'div', ['open', 'onClose', 'title', 'footer']],
  ['Badge', 'span', ['tone', 'size']],
  ['Avatar', 'img', ['src', 'name', 'size']],
  ['Tooltip', 'span', ['content', 'placement']],
  ['Tabs', 'div', ['items', 'value', 'onChange']],
  ['Table', 'table', ['columns', 'rows', 'onRowClick', 'emptyText']],
  ['Spinner', 'span', ['size', 'label']],
  ['Alert', 'div', ['tone', 'title', 'onDismiss']],
  ['Stack', 'div', ['direction', 'gap', 'align', 'justify']],
  ['Text', 'p', ['size', 'tone', 'weight']],
  ['Heading', 'h2', ['level', 'size']],
  ['Pagination', 'nav', ['page', 'pageSize', 'total', 'onChange']],
];

function dsComponent([name, element, props], r) {
  const propsType = props.map((p) => {
    if (p.startsWith('on')) return `  ${p}?: (value?: unknown) => void;`;
    if (['disabled', 'loading', 'invalid', 'checked', 'open'].includes(p)) return `  ${p}?: boolean;`;
    if (['rows', 'page', 'pageSize', 'total', 'level'].includes(p)) return `  ${p}?: number;`;
    if (['options', 'items', 'columns', 'rows'].includes(p)) return `  ${p}?: ReadonlyArray<{ value: string; label: string }>;`;
    return `  ${p}?: string;`;
  });
  const variants = r.sample(Object.keys(COLORS), 4);
  return `import type { ReactNode } from 'react';
import { tokens } from '../tokens';
import { cx } from '../cx';

export interface ${name}Props {
${propsType.join('\n')}
  className?: string;
  children?: ReactNode;
}

const tones = {
${variants.map((v) => `  ${v}: tokens.color.${v},`).join('\n')}
} as const;

/** ${name}: the design system's ${element} element, styled with tokens. */
export function ${name}({ className, children, ...props }: ${name}Props) {
  const tone = tones[(props as { tone?: keyof typeof tones }).tone ?? '${variants[0]}'];
  return (
    <${element}
      className={cx('acme-${name.toLowerCase()}', className)}
      style={{ color: tone, padding: \`\${tokens.spacing.sm}px \${tokens.spacing.md}px\`, borderRadius: tokens.radius.md, fontSize: tokens.fontSize.sm }}
      data-props={Object.keys(props).length}
    >
      {children}
    </${element}>
  );
}
`;
}

function dsTest([name]) {
  return `import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ${name} } from '../components/${name}';

describe('${name}', () => {
  it('renders its children', () => {
    render(<${name}>content</${name}>);
    expect(screen.getByText('content')).toBeTruthy();
  });

  it('accepts a class name', () => {
    const { container } = render(<${name} className="extra">x</${name}>);
    expect(container.firstElementChild?.className).toContain('extra');
  });
});
`;
}

/** Files of packages/design-system and packages/utils: path -> text. */
export function foundationFiles() {
  const r = rng('design-system');
  const files = new Map();
  const ds = 'packages/design-system';
  files.set(
    `${ds}/package.json`,
    `${JSON.stringify({ name: '@acme/design-system', version: '1.0.0', private: true, main: 'src/index.ts' }, null, 2)}\n`,
  );
  files.set(`${ds}/src/tokens.json`, tokensJson());
  files.set(`${ds}/src/theme.css`, themeCss());
  files.set(`${ds}/src/tokens.ts`, tokensTs());
  files.set(
    `${ds}/src/cx.ts`,
    `/** Joins class names, skipping falsy ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
`,
  );
  for (const c of DS_COMPONENTS) {
    files.set(`${ds}/src/components/${c[0]}.tsx`, dsComponent(c, r));
    files.set(`${ds}/src/__tests__/${c[0]}.test.tsx`, dsTest(c));
  }
  files.set(
    `${ds}/src/index.ts`,
    `${DS_COMPONENTS.map(([n]) => `export { ${n} } from './components/${n}';\nexport type { ${n}Props } from './components/${n}';`).join('\n')}\nexport { tokens, space } from './tokens';\nexport { cx } from './cx';\n`,
  );

  const u = 'packages/utils';
  files.set(
    `${u}/package.json`,
    `${JSON.stringify({ name: '@acme/utils', version: '1.0.0', private: true, main: 'src/index.ts' }, null, 2)}\n`,
  );
  files.set(
    `${u}/src/http.ts`,
    `export interface RequestOptions {
  params?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

const BASE_URL = '/api';

function buildUrl(path: string, params?: RequestOptions['params']): string {
  const url = new URL(BASE_URL + path, window.location.origin);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(buildUrl(path, options.params), {
    method,
    headers: { 'Content-Type': 'application/json', ...options.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: options.signal,
    credentials: 'include',
  });
  if (!response.ok) throw new HttpError(response.status, await response.text());
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The one HTTP client of the code base (ADR-012). */
export const apiClient = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
`,
  );
  files.set(
    `${u}/src/dates.ts`,
    `import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** Formats a date for display (ADR-015: dayjs everywhere). */
export function formatDate(value: string | Date | null | undefined, pattern = 'D MMM YYYY'): string {
  return value ? dayjs(value).format(pattern) : '';
}

export function formatRelative(value: string | Date): string {
  return dayjs(value).fromNow();
}

export function isOverdue(value: string | Date | null | undefined): boolean {
  return !!value && dayjs(value).isBefore(dayjs(), 'day');
}
`,
  );
  files.set(
    `${u}/src/money.ts`,
    `const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency = 'EUR', locale = 'en-GB'): string {
  const key = \`\${locale}:\${currency}\`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
`,
  );
  files.set(
    `${u}/src/index.ts`,
    `export { apiClient, HttpError } from './http';\nexport type { RequestOptions } from './http';\nexport { formatDate, formatRelative, isOverdue } from './dates';\nexport { formatMoney } from './money';\n`,
  );
  return files;
}
