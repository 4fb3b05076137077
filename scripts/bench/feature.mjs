// One feature folder of the generated monorepo (types, api, hooks, components, utils, tests, styles),
// with the debt real product code carries, at rates drawn per feature: hard-coded colors and spacing
// instead of tokens, snippets copied between features, re-implemented buttons, pass-through wrappers,
// several HTTP clients and date libraries, three component declaration styles.
import { COLORS, FONT_SIZES, RADII, SPACING } from './design-system.mjs';
import { camel, pascal, plural, rng, words } from './random.mjs';
import { SNIPPETS } from './snippets.mjs';

const FIELD_POOL = [
  ['title', 'string'],
  ['name', 'string'],
  ['description', 'text'],
  ['status', 'enum'],
  ['priority', 'enum'],
  ['amount', 'money'],
  ['total', 'money'],
  ['price', 'money'],
  ['discount', 'number'],
  ['quantity', 'number'],
  ['score', 'number'],
  ['rating', 'number'],
  ['createdAt', 'date'],
  ['updatedAt', 'date'],
  ['dueDate', 'date'],
  ['startDate', 'date'],
  ['endDate', 'date'],
  ['archivedAt', 'date'],
  ['email', 'email'],
  ['phone', 'string'],
  ['city', 'string'],
  ['country', 'string'],
  ['notes', 'text'],
  ['ownerId', 'string'],
  ['assigneeId', 'string'],
  ['reference', 'string'],
  ['code', 'string'],
  ['tags', 'tags'],
  ['isActive', 'bool'],
  ['isPinned', 'bool'],
  ['category', 'enum'],
  ['version', 'number'],
  ['progress', 'number'],
  ['region', 'enum'],
  ['channel', 'enum'],
  ['label', 'string'],
  ['source', 'string'],
  ['weight', 'number'],
  ['budget', 'money'],
  ['completedAt', 'date'],
];
const ENUM_VALUES = {
  status: ['draft', 'pending', 'active', 'approved', 'rejected', 'archived', 'cancelled', 'completed', 'failed'],
  priority: ['low', 'medium', 'high', 'urgent', 'critical'],
  category: ['general', 'billing', 'technical', 'sales', 'support', 'legal', 'operations'],
  region: ['emea', 'apac', 'amer', 'latam', 'nordics'],
  channel: ['email', 'sms', 'push', 'web', 'phone', 'partner'],
};
const TONES = ['primary', 'secondary', 'success', 'warning', 'danger', 'info'];

function tsType(f) {
  switch (f.kind) {
    case 'money':
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'tags':
      return 'string[]';
    case 'date':
      return f.name === 'archivedAt' || f.name === 'completedAt' ? 'string | null' : 'string';
    case 'enum':
      return f.enumType;
    default:
      return 'string';
  }
}

/** Everything drawn once per feature: names, fields, and which habits its authors had. */
export function featurePlan(spec) {
  const r = rng(`feature:${spec.dir}`);
  const E = pascal(spec.entity);
  const fields = [
    ['id', 'string'],
    r.chance(0.5) ? ['title', 'string'] : ['name', 'string'],
    ...r.sample(
      FIELD_POOL.filter(([n]) => n !== 'title' && n !== 'name'),
      r.int(4, 11),
    ),
  ].map(([name, kind]) => ({
    name,
    kind,
    ...(kind === 'enum' ? { enumType: `${E}${pascal(name)}`, values: r.sample(ENUM_VALUES[name], r.int(3, 5)) } : {}),
  }));
  const label = fields[1].name;
  return {
    ...spec,
    r,
    E,
    e: camel(spec.entity),
    Es: pascal(plural(spec.entity)),
    es: camel(plural(spec.entity)),
    route: plural(spec.entity),
    human: words(spec.entity),
    fields,
    label,
    http: r.weighted([
      ['apiClient', 70],
      ['axios', 15],
      ['fetch', 10],
      ['ky', 5],
    ]),
    dates: r.weighted([
      ['dayjs', 60],
      ['date-fns', 20],
      ['moment', 15],
      ['intl', 5],
    ]),
    styling: r.weighted([
      ['ds', 45],
      ['module', 25],
      ['inline', 15],
      ['styled', 15],
    ]),
    decl: r.weighted([
      ['function', 60],
      ['arrow', 30],
      ['fc', 10],
    ]),
    query: r.weighted([
      ['react-query', 50],
      ['effect', 50],
    ]),
    magic: r.weighted([
      [0.04, 40],
      [0.2, 40],
      [0.55, 20],
    ]),
    pageSize: r.pick([10, 20, 25, 50]),
  };
}

// ---------------------------------------------------------------------------------------------- styles

const STYLE_PROPS = {
  container: [
    ['padding', 'spacing'],
    ['background', 'color:surface'],
    ['borderRadius', 'radius'],
    ['border', 'border'],
  ],
  row: [
    ['display', 'flex'],
    ['gap', 'spacing'],
    ['alignItems', 'center'],
  ],
  title: [
    ['fontSize', 'fontSize'],
    ['fontWeight', 'weight'],
    ['color', 'color:text'],
  ],
  label: [
    ['fontSize', 'fontSize'],
    ['color', 'color:textMuted'],
  ],
  value: [['color', 'color:text']],
  actions: [
    ['display', 'flex'],
    ['gap', 'spacing'],
    ['justifyContent', 'flex-end'],
    ['marginTop', 'spacing'],
  ],
  error: [
    ['color', 'color:danger'],
    ['fontSize', 'fontSize'],
  ],
};
const kebabProp = (p) => p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const OFF_SCALE = {
  spacing: [6, 10, 14, 18, 20, 28],
  fontSize: [13, 15, 17, 22],
  radius: [3, 6, 10],
  color: ['#3b82f6', '#334155', '#9ca3af', '#ef4444', '#f3f4f6', '#1f2937', '#4b5563', '#fafafa'],
};

/** Hands out styled elements in the feature's styling approach; hard-codes values at the feature's rate. */
class Styler {
  constructor(p, component) {
    this.p = p;
    this.r = p.r;
    this.component = component;
    this.classes = [];
    this.styled = [];
    this.usesTokens = false;
  }

  /** [token expression, literal] for one property */
  value(kind) {
    const { r } = this;
    const magic = r.chance(this.p.magic);
    const scale = kind.startsWith('color') ? 'color' : kind;
    if (kind === 'flex' || kind === 'center' || kind === 'flex-end') return { literal: `'${kind}'`, css: kind };
    if (kind === 'weight') return { literal: r.pick(['500', '600', '700']), css: r.pick(['500', '600']) };
    if (kind === 'border') {
      return magic
        ? { literal: "'1px solid #e5e7eb'", css: '1px solid #e5e7eb' }
        : { token: '`1px solid ${tokens.color.border}`', css: '1px solid var(--color-border)' };
    }
    const table = scale === 'color' ? COLORS : scale === 'spacing' ? SPACING : scale === 'fontSize' ? FONT_SIZES : RADII;
    const key = kind.includes(':') ? kind.split(':')[1] : r.pick(Object.keys(table).filter((k) => table[k] > 0 || scale === 'color'));
    if (magic) {
      const v = r.chance(0.7) ? table[key] : r.pick(OFF_SCALE[scale]);
      return typeof v === 'string' ? { literal: `'${v}'`, css: v } : { literal: String(v), css: `${v}px` };
    }
    this.usesTokens = true;
    const cssVar = scale === 'color' ? `var(--color-${kebabProp(key)})` : `var(--${scale === 'fontSize' ? 'font-size' : scale}-${key})`;
    return { token: `tokens.${scale}.${key}`, css: cssVar };
  }

  props(role) {
    return STYLE_PROPS[role].map(([prop, kind]) => [prop, this.value(kind)]);
  }

  /** opening and closing tags for an element with a role */
  open(tag, role, extra = '') {
    const { p } = this;
    const x = extra ? ` ${extra}` : '';
    if (p.styling === 'inline' || (p.styling === 'ds' && this.r.chance(0.15))) {
      const style = this.props(role)
        .map(([k, v]) => `${k}: ${v.token ?? v.literal}`)
        .join(', ');
      return [`<${tag}${x} style={{ ${style} }}>`, `</${tag}>`];
    }
    if (p.styling === 'module') {
      const cls = `${role}${this.classes.filter((c) => c.role === role).length || ''}`;
      this.classes.push({ role, name: cls, props: this.props(role) });
      return [`<${tag}${x} className={styles.${cls}}>`, `</${tag}>`];
    }
    if (p.styling === 'styled') {
      const name = `${pascal(role)}${this.styled.filter((s) => s.role === role).length || ''}`;
      this.styled.push({ role, name, tag, props: this.props(role) });
      return [`<${name}${x}>`, `</${name}>`];
    }
    // design system
    const ds = { container: 'Card', row: 'Stack', title: 'Heading', label: 'Text', value: 'Text', actions: 'Stack', error: 'Alert' }[role];
    this.dsUsed.add(ds);
    const attrs =
      role === 'row'
        ? ' direction="row" gap="md"'
        : role === 'actions'
          ? ' direction="row" justify="end"'
          : role === 'label'
            ? ' tone="muted"'
            : role === 'error'
              ? ' tone="danger"'
              : '';
    return [`<${ds}${attrs}${x}>`, `</${ds}>`];
  }

  dsUsed = new Set();

  /** lines to put above the component (styled-components) */
  preamble() {
    return this.styled
      .map((st) => {
        const body = st.props.map(([k, v]) => {
          let value = v.css;
          if (v.token?.startsWith('`')) value = '1px solid ${tokens.color.border}';
          else if (v.token) value = `\${${v.token}}${v.token.startsWith('tokens.color') ? '' : 'px'}`;
          return `  ${kebabProp(k)}: ${value};`;
        });
        return `const ${st.name} = styled.${st.tag}\`\n${body.join('\n')}\n\`;\n`;
      })
      .join('\n');
  }

  css() {
    return this.classes.map((c) => `.${c.name} {\n${c.props.map(([k, v]) => `  ${kebabProp(k)}: ${v.css};`).join('\n')}\n}\n`).join('\n');
  }

  imports() {
    const lines = [];
    const { p } = this;
    const ds = [...this.dsUsed, ...(this.usesTokens && p.styling !== 'module' ? ['tokens'] : [])].sort();
    if (ds.length) lines.push(`import { ${ds.join(', ')} } from '@acme/design-system';`);
    if (p.styling === 'styled' && this.styled.length) lines.push("import styled from 'styled-components';");
    if (p.styling === 'module' && this.classes.length) lines.push(`import styles from './${this.component}.module.css';`);
    return lines;
  }
}

// ---------------------------------------------------------------------------------------------- pieces

function dateImport(p) {
  switch (p.dates) {
    case 'dayjs':
      return "import { formatDate } from '@acme/utils';";
    case 'date-fns':
      return "import { format, parseISO } from 'date-fns';";
    case 'moment':
      return "import moment from 'moment';";
    default:
      return null;
  }
}

function dateExpr(p, expr) {
  switch (p.dates) {
    case 'dayjs':
      return `formatDate(${expr})`;
    case 'date-fns':
      return `${expr} ? format(parseISO(${expr}), 'dd MMM yyyy') : ''`;
    case 'moment':
      return `${expr} ? moment(${expr}).format('DD MMM YYYY') : ''`;
    default:
      return `${expr} ? new Date(${expr}).toLocaleDateString('en-GB') : ''`;
  }
}

function fieldDisplay(p, f, v) {
  const x = `${v}.${f.name}`;
  switch (f.kind) {
    case 'money':
      return `{formatMoney(${x})}`;
    case 'date':
      return `{${dateExpr(p, x)}}`;
    case 'bool':
      return `{${x} ? 'Yes' : 'No'}`;
    case 'tags':
      return `{${x}.join(', ')}`;
    case 'number':
      return f.name === 'progress' ? `{\`\${Math.round(${x})}%\`}` : `{${x}.toLocaleString()}`;
    case 'enum':
      return `{${p.e}${pascal(f.name)}Labels[${x}]}`;
    default:
      return `{${x}}`;
  }
}

/** `export function X(props: P) {`, `export const X = (props: P) => {` or `export const X: React.FC<P> = (props) => {` */
function declare(p, name, params, propsType) {
  if (p.decl === 'function') return { open: `export function ${name}(${params}${propsType ? `: ${propsType}` : ''}) {`, close: '}' };
  if (p.decl === 'arrow') return { open: `export const ${name} = (${params}${propsType ? `: ${propsType}` : ''}) => {`, close: '};' };
  return { open: `export const ${name}: React.FC${propsType ? `<${propsType}>` : ''} = (${params}) => {`, close: '};' };
}

function reactImport(p, hooks) {
  const names = [...new Set(hooks)].sort();
  if (p.decl === 'fc') return names.length ? `import React, { ${names.join(', ')} } from 'react';` : "import React from 'react';";
  return names.length ? `import { ${names.join(', ')} } from 'react';` : null;
}

function join(lines) {
  return `${lines.filter((l) => l !== null && l !== undefined).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- files

const constName = (p, suffix) => `${p.E.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_${suffix}`;
const human = (name) => pascal(name).replace(/([a-z])([A-Z])/g, '$1 $2');

function typesFile(p) {
  const { E, e, r } = p;
  const lines = [];
  const enums = p.fields.filter((x) => x.kind === 'enum');
  for (const f of enums) lines.push(`export type ${f.enumType} = ${f.values.map((v) => `'${v}'`).join(' | ')};`, '');
  lines.push(`export interface ${E} {`);
  for (const f of p.fields) lines.push(`  ${f.name}: ${tsType(f)};`);
  lines.push('}', '');
  const sortable = p.fields.filter((f) => ['string', 'date', 'number', 'money'].includes(f.kind)).map((f) => `'${f.name}'`);
  lines.push(`export type ${E}SortKey = ${sortable.join(' | ')};`, '');
  lines.push(`export interface ${E}Filters {`, '  query: string;');
  for (const f of enums) lines.push(`  ${f.name}?: ${f.enumType};`);
  lines.push('  page: number;', '  pageSize: number;', `  sortBy?: ${E}SortKey;`, "  sortDirection?: 'asc' | 'desc';", '}', '');
  lines.push(
    `export type ${E}Input = Omit<${E}, 'id'${p.fields.some((f) => f.name === 'createdAt') ? " | 'createdAt'" : ''}${p.fields.some((f) => f.name === 'updatedAt') ? " | 'updatedAt'" : ''}>;`,
    '',
  );
  lines.push(`export interface ${E}Page {`, `  items: ${E}[];`, '  total: number;', '  page: number;', '  pageSize: number;', '}', '');
  for (const f of enums) {
    lines.push(`export const ${e}${pascal(f.name)}Labels: Record<${f.enumType}, string> = {`);
    for (const v of f.values) lines.push(`  ${v}: '${human(v)}',`);
    lines.push('};', '');
  }
  lines.push(`export const ${constName(p, 'PAGE_SIZE')} = ${p.pageSize};`);
  lines.push(`export const ${constName(p, 'MAX_LABEL_LENGTH')} = ${r.pick([80, 120, 140, 200, 255])};`, '');
  lines.push(`export const ${e}Columns: ReadonlyArray<{ key: ${E}SortKey; header: string; width: number; align: 'left' | 'right' }> = [`);
  for (const f of p.fields.filter((x) => ['string', 'date', 'number', 'money'].includes(x.kind)).slice(0, 7)) {
    lines.push(
      `  { key: '${f.name}', header: '${human(f.name)}', width: ${r.pick([80, 96, 120, 160, 200, 240])}, align: '${f.kind === 'money' || f.kind === 'number' ? 'right' : 'left'}' },`,
    );
  }
  lines.push('];', '');
  lines.push(
    `export function is${E}(value: unknown): value is ${E} {`,
    "  if (typeof value !== 'object' || value === null) return false;",
    `  const candidate = value as Record<keyof ${E}, unknown>;`,
    '  return (',
  );
  const checks = p.fields.map((f) => {
    const t =
      f.kind === 'money' || f.kind === 'number'
        ? "typeof candidate.X === 'number'"
        : f.kind === 'bool'
          ? "typeof candidate.X === 'boolean'"
          : f.kind === 'tags'
            ? 'Array.isArray(candidate.X)'
            : f.name === 'archivedAt' || f.name === 'completedAt'
              ? "(candidate.X === null || typeof candidate.X === 'string')"
              : "typeof candidate.X === 'string'";
    return `    ${t.replace('X', f.name).replace('X', f.name)}`;
  });
  lines.push(`${checks.join(' &&\n')}`, '  );', '}');
  return join(lines);
}

function apiFile(p) {
  const { E, Es, route, r } = p;
  const lines = [];
  const noSlash = (path) => path.replace(/^(['`])\//, '$1');
  let call;
  if (p.http === 'apiClient') {
    lines.push("import { apiClient } from '@acme/utils';");
    call = (m, T, path, body, params) =>
      `return apiClient.${m}<${T}>(${path}${body ? `, ${body}` : ''}${params ? `, { params: { ...${params} } }` : ''});`;
  } else if (p.http === 'axios') {
    lines.push("import axios from 'axios';");
    call = (m, T, path, body, params) =>
      `const { data } = await http.${m}<${T}>(${path}${body ? `, ${body}` : ''}${params ? `, { params: ${params} }` : ''});\n  return data;`;
  } else if (p.http === 'ky') {
    lines.push("import ky from 'ky';");
    call = (m, T, path, body, params) =>
      `return http.${m}(${noSlash(path)}${body ? `, { json: ${body} }` : params ? `, { searchParams: toSearchParams(${params}) }` : ''}).json<${T}>();`;
  } else {
    call = (m, T, path, body, params) =>
      `return send<${T}>(${params ? `\`${path.slice(1, -1)}?\${toSearchParams(${params})}\`` : path}${m === 'get' ? '' : `, { method: '${m.toUpperCase()}'${body ? `, body: JSON.stringify(${body})` : ''} }`});`;
  }
  lines.push(`import type { ${E}, ${E}Filters, ${E}Input, ${E}Page } from './types';`, '');
  if (p.http === 'axios')
    lines.push(`const http = axios.create({ baseURL: '/api', timeout: ${r.pick([5000, 10000, 15000, 30000])} });`, '');
  if (p.http === 'ky')
    lines.push(`const http = ky.create({ prefixUrl: '/api', retry: ${r.int(1, 3)}, timeout: ${r.pick([8000, 10000, 20000])} });`, '');
  if (p.http === 'fetch') {
    lines.push(
      'async function send<T>(path: string, init?: RequestInit): Promise<T> {',
      "  const response = await fetch(`/api${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });",
      '  if (!response.ok) {',
      '    throw new Error(`Request to ${path} failed with ${response.status}`);',
      '  }',
      '  if (response.status === 204) return undefined as T;',
      '  return response.json() as Promise<T>;',
      '}',
      '',
    );
  }
  if (p.http === 'ky' || p.http === 'fetch') {
    lines.push(
      `function toSearchParams(filters: Partial<${E}Filters>): URLSearchParams {`,
      '  const params = new URLSearchParams();',
      '  for (const [key, value] of Object.entries(filters)) {',
      "    if (value !== undefined && value !== '') params.set(key, String(value));",
      '  }',
      '  return params;',
      '}',
      '',
    );
  }
  const fn = (doc, sig, body) => lines.push(`/** ${doc} */`, `export async function ${sig} {`, `  ${body}`, '}', '');
  fn(
    `Lists ${p.human}s matching the filters, one page at a time.`,
    `list${Es}(filters: ${E}Filters): Promise<${E}Page>`,
    call('get', `${E}Page`, `'/${route}'`, null, 'filters'),
  );
  fn(`Loads one ${p.human}.`, `get${E}(id: string): Promise<${E}>`, call('get', E, `\`/${route}/\${id}\``));
  fn(`Creates a ${p.human}.`, `create${E}(input: ${E}Input): Promise<${E}>`, call('post', E, `'/${route}'`, 'input'));
  fn(
    `Changes some fields of a ${p.human}.`,
    `update${E}(id: string, changes: Partial<${E}Input>): Promise<${E}>`,
    call('patch', E, `\`/${route}/\${id}\``, 'changes'),
  );
  fn(`Deletes a ${p.human}.`, `delete${E}(id: string): Promise<void>`, call('delete', 'void', `\`/${route}/\${id}\``));
  if (r.chance(0.5))
    fn(
      `Archives a ${p.human}; archived ones leave the default list.`,
      `archive${E}(id: string): Promise<${E}>`,
      call('post', E, `\`/${route}/\${id}/archive\``, '{}'),
    );
  if (r.chance(0.4))
    fn(
      `Applies the same change to many ${p.human}s.`,
      `bulkUpdate${Es}(ids: readonly string[], changes: Partial<${E}Input>): Promise<${E}[]>`,
      call('post', `${E}[]`, `'/${route}/bulk'`, '{ ids, changes }'),
    );
  if (r.chance(0.35)) {
    lines.push(
      `export interface ${E}Stats {`,
      '  total: number;',
      '  createdThisWeek: number;',
      '  byStatus: Record<string, number>;',
      '}',
      '',
    );
    fn(`Counts ${p.human}s for the dashboard.`, `get${E}Stats(): Promise<${E}Stats>`, call('get', `${E}Stats`, `'/${route}/stats'`));
  }
  if (r.chance(0.4)) {
    const cols = p.fields.slice(0, r.int(4, 7));
    lines.push(
      `/** Exports every ${p.human} matching the filters as CSV text. */`,
      `export async function export${Es}Csv(filters: ${E}Filters): Promise<string> {`,
      `  const page = await list${Es}({ ...filters, page: 1, pageSize: ${r.pick([500, 1000, 5000])} });`,
      `  const header = [${cols.map((f) => `'${f.name}'`).join(', ')}].join(',');`,
      `  const rows = page.items.map((item) => [${cols.map((f) => `item.${f.name}`).join(', ')}].map((v) => JSON.stringify(v ?? '')).join(','));`,
      "  return [header, ...rows].join('\\n');",
      '}',
      '',
    );
  }
  // pass-through wrappers: the abstraction debt
  if (r.chance(0.12)) lines.push(`export function fetch${E}ById(id: string) {`, `  return get${E}(id);`, '}', '');
  if (r.chance(0.08)) lines.push(`export const remove${E} = (id: string) => delete${E}(id);`, '');
  while (lines[lines.length - 1] === '') lines.pop();
  return join(lines);
}

function serviceFile(p) {
  const { E, Es } = p;
  return join([
    `import { get${E}, list${Es} } from './api';`,
    `import type { ${E}Filters } from './types';`,
    '',
    `/** Loads one ${p.human}. */`,
    `export function load${E}(id: string) {`,
    `  return get${E}(id);`,
    '}',
    '',
    `export function load${Es}(filters: ${E}Filters) {`,
    `  return list${Es}(filters);`,
    '}',
  ]);
}

function hooksFile(p, has) {
  const { E, Es, e, es, r } = p;
  const lines = [];
  const react = has.Selection ? ['useCallback', 'useState'] : [];
  if (p.query === 'react-query') {
    if (react.length) lines.push(`import { ${react.join(', ')} } from 'react';`);
    lines.push("import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';");
    lines.push(`import { create${E}, delete${E}, get${E}, list${Es}, update${E} } from '../api';`);
    lines.push(`import type { ${E}Filters, ${E}Input } from '../types';`, '');
    lines.push(
      `const ${e}Keys = {`,
      `  all: ['${es}'] as const,`,
      `  list: (filters: ${E}Filters) => ['${es}', 'list', filters] as const,`,
      `  detail: (id: string) => ['${es}', 'detail', id] as const,`,
      '};',
      '',
    );
    lines.push(
      `export function use${Es}(filters: ${E}Filters) {`,
      `  return useQuery({ queryKey: ${e}Keys.list(filters), queryFn: () => list${Es}(filters), staleTime: ${r.pick([30000, 60000, 300000])} });`,
      '}',
      '',
    );
    lines.push(
      `export function use${E}(id: string | undefined) {`,
      `  return useQuery({ queryKey: ${e}Keys.detail(id ?? ''), queryFn: () => get${E}(id!), enabled: !!id });`,
      '}',
      '',
    );
    lines.push(
      `export function useSave${E}() {`,
      '  const client = useQueryClient();',
      '  return useMutation({',
      `    mutationFn: ({ id, input }: { id?: string; input: ${E}Input }) => (id ? update${E}(id, input) : create${E}(input)),`,
      `    onSuccess: () => client.invalidateQueries({ queryKey: ${e}Keys.all }),`,
      '  });',
      '}',
      '',
    );
    lines.push(
      `export function useDelete${E}() {`,
      '  const client = useQueryClient();',
      `  return useMutation({ mutationFn: delete${E}, onSuccess: () => client.invalidateQueries({ queryKey: ${e}Keys.all }) });`,
      '}',
    );
  } else {
    lines.push(`import { ${[...new Set(['useCallback', 'useEffect', 'useState', ...react])].join(', ')} } from 'react';`);
    lines.push(`import { create${E}, delete${E}, get${E}, list${Es}, update${E} } from '../api';`);
    lines.push(`import type { ${E}, ${E}Filters, ${E}Input, ${E}Page } from '../types';`, '');
    lines.push(
      `export function use${Es}(filters: ${E}Filters) {`,
      `  const [data, setData] = useState<${E}Page | undefined>();`,
      '  const [error, setError] = useState<Error | null>(null);',
      '  const [isLoading, setLoading] = useState(true);',
      '',
      '  useEffect(() => {',
      '    let cancelled = false;',
      '    setLoading(true);',
      `    list${Es}(filters)`,
      '      .then((page) => {',
      '        if (!cancelled) setData(page);',
      '      })',
      '      .catch((e: Error) => {',
      '        if (!cancelled) setError(e);',
      '      })',
      '      .finally(() => {',
      '        if (!cancelled) setLoading(false);',
      '      });',
      '    return () => {',
      '      cancelled = true;',
      '    };',
      `  }, [${['query', 'page', 'pageSize', ...p.fields.filter((f) => f.kind === 'enum').map((f) => f.name)].map((k) => `filters.${k}`).join(', ')}]);`,
      '',
      '  return { data, error, isLoading };',
      '}',
      '',
    );
    lines.push(
      `export function use${E}(id: string | undefined) {`,
      `  const [${e}, set${E}] = useState<${E} | undefined>();`,
      '',
      '  useEffect(() => {',
      '    if (!id) return;',
      `    void get${E}(id).then(set${E});`,
      '  }, [id]);',
      '',
      `  return ${e};`,
      '}',
      '',
    );
    lines.push(
      `export function useSave${E}() {`,
      '  const [isSaving, setSaving] = useState(false);',
      `  const save = useCallback(async (input: ${E}Input, id?: string) => {`,
      '    setSaving(true);',
      '    try {',
      `      return id ? await update${E}(id, input) : await create${E}(input);`,
      '    } finally {',
      '      setSaving(false);',
      '    }',
      '  }, []);',
      '  return { save, isSaving };',
      '}',
      '',
    );
    lines.push(`export function useDelete${E}() {`, `  return useCallback((id: string) => delete${E}(id), []);`, '}');
  }
  if (has.Selection) {
    lines.push(
      '',
      `/** Which ${p.human}s are ticked in the list, for bulk actions. */`,
      `export function use${E}Selection(ids: readonly string[]) {`,
      '  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());',
      '  const toggle = useCallback((id: string) => {',
      '    setSelected((current) => {',
      '      const next = new Set(current);',
      '      if (next.has(id)) next.delete(id);',
      '      else next.add(id);',
      '      return next;',
      '    });',
      '  }, []);',
      '  const toggleAll = useCallback(() => {',
      '    setSelected((current) => (current.size === ids.length ? new Set() : new Set(ids)));',
      '  }, [ids]);',
      '  const clear = useCallback(() => setSelected(new Set()), []);',
      '  return { selected, toggle, toggleAll, clear, allSelected: ids.length > 0 && selected.size === ids.length };',
      '}',
    );
  }
  if (r.chance(0.08)) lines.push('', `export function use${E}Data(id: string | undefined) {`, `  return use${E}(id);`, '}');
  return join(lines);
}

function statusBadge(p, s, f) {
  const { E, r } = p;
  const hard = r.chance(p.magic + 0.15);
  const lines = hard
    ? [
        `const ${pascal(f.name).toLowerCase()}Colors: Record<${f.enumType}, string> = {`,
        ...f.values.map((v) => `  ${v}: '${r.pick(Object.values(COLORS).slice(0, 9))}',`),
        '};',
        '',
      ]
    : [
        `const ${pascal(f.name).toLowerCase()}Tones: Record<${f.enumType}, 'primary' | 'secondary' | 'success' | 'warning' | 'danger' | 'info'> = {`,
        ...f.values.map((v) => `  ${v}: '${r.pick(TONES)}',`),
        '};',
        '',
      ];
  const labels = `${p.e}${pascal(f.name)}Labels`;
  lines.push(`function ${E}${pascal(f.name)}Badge({ value }: { value: ${f.enumType} }) {`);
  if (hard) {
    const c = `${pascal(f.name).toLowerCase()}Colors[value]`;
    lines.push(
      `  return (`,
      `    <span`,
      `      style={{`,
      `        color: ${c},`,
      `        border: \`1px solid \${${c}}\`,`,
      `        borderRadius: ${r.pick([4, 8, 12, 9999])},`,
      `        padding: '${r.pick(['2px 8px', '0 6px', '4px 10px'])}',`,
      `        fontSize: ${r.pick([11, 12, 13])},`,
      '      }}',
      '    >',
      `      {${labels}[value]}`,
      '    </span>',
      '  );',
    );
  } else {
    s.dsUsed.add('Badge');
    lines.push(`  return <Badge tone={${pascal(f.name).toLowerCase()}Tones[value]}>{${labels}[value]}</Badge>;`);
  }
  lines.push('}', '');
  return { lines, labels, type: f.enumType };
}

function cardComponent(p) {
  const { E, e, r } = p;
  const s = new Styler(p, `${E}Card`);
  const enumF = p.fields.find((f) => f.kind === 'enum');
  const badge = enumF && r.chance(0.7) ? statusBadge(p, s, enumF) : null;
  const shown = p.fields
    .slice(2)
    .filter((f) => f !== enumF || !badge)
    .slice(0, r.int(3, 8));
  const tags = p.fields.find((f) => f.kind === 'tags');
  const dates = p.fields.filter((f) => f.kind === 'date');
  const [co, cc] = s.open('article', 'container');
  const [ho, hc] = s.open('header', 'row');
  const [to, tc] = s.open('h3', 'title');
  const rows = shown.flatMap((f) => {
    const [ro, rc] = s.open('div', 'row');
    const [lo, lc] = s.open('span', 'label');
    return [`      ${ro}`, `        ${lo}${human(f.name)}${lc}`, `        <span>${fieldDisplay(p, f, e)}</span>`, `      ${rc}`];
  });
  const [ao, ac] = s.open('footer', 'actions');
  const ds = p.styling === 'ds' || r.chance(0.6);
  if (ds) s.dsUsed.add('Button');
  const buttons = ds
    ? [
        `<Button variant="secondary" onClick={() => onEdit?.(${e})}>Edit</Button>`,
        `<Button variant="danger" disabled={!onDelete} onClick={() => onDelete?.(${e}.id)}>Delete</Button>`,
      ]
    : [
        `<button type="button" onClick={() => onEdit?.(${e})}>Edit</button>`,
        `<button type="button" className="danger" disabled={!onDelete} onClick={() => onDelete?.(${e}.id)}>Delete</button>`,
      ];
  const d = declare(p, `${E}Card`, `{ ${e}, compact = false, onEdit, onDelete }`, `${E}CardProps`);
  const body = [
    ...(badge ? badge.lines : []),
    d.open,
    ...(dates.length ? [`  const changed = ${dateExpr(p, `${e}.${dates[0].name}`)};`, ''] : []),
    '  return (',
    `    ${co}`,
    `      ${ho}`,
    `        ${to}{${e}.${p.label}}${tc}`,
    ...(badge ? [`        <${E}${pascal(enumF.name)}Badge value={${e}.${enumF.name}} />`] : []),
    `      ${hc}`,
    '      {!compact && (',
    '        <>',
    ...rows.map((l) => `    ${l}`),
    '        </>',
    '      )}',
    ...(tags
      ? [
          `      {${e}.${tags.name}.length > 0 && (`,
          '        <ul className="tags">',
          `          {${e}.${tags.name}.slice(0, ${r.pick([3, 4, 5, 6])}).map((tag) => (`,
          '            <li key={tag}>{tag}</li>',
          '          ))}',
          '        </ul>',
          '      )}',
        ]
      : []),
    `      ${ao}`,
    ...(dates.length ? [`        <small>${human(dates[0].name)} {changed}</small>`] : []),
    `        ${buttons[0]}`,
    `        ${buttons[1]}`,
    `      ${ac}`,
    `    ${cc}`,
    '  );',
    d.close,
  ];
  const local = [`import type { ${E}${badge ? `, ${badge.type}` : ''} } from '../types';`];
  if (badge) local.push(`import { ${badge.labels} } from '../types';`);
  return {
    name: `${E}Card`,
    styler: s,
    text: finishComponent(
      p,
      s,
      local,
      [
        `export interface ${E}CardProps {`,
        `  ${e}: ${E};`,
        '  compact?: boolean;',
        `  onEdit?: (${e}: ${E}) => void;`,
        '  onDelete?: (id: string) => void;',
        '}',
        '',
      ],
      body,
      [...shown, ...(dates.length ? [dates[0]] : [])],
    ),
  };
}

function finishComponent(p, s, localImports, beforeBody, body, shownFields, hooks = []) {
  const needs = new Set();
  for (const f of shownFields) {
    if (f.kind === 'money') needs.add('money');
    if (f.kind === 'date') needs.add('date');
    if (f.kind === 'enum') needs.add(`${p.e}${pascal(f.name)}Labels`);
  }
  const imports = [reactImport(p, hooks)];
  if (needs.has('money') && needs.has('date') && p.dates === 'dayjs')
    imports.push("import { formatDate, formatMoney } from '@acme/utils';");
  else {
    if (needs.has('money')) imports.push("import { formatMoney } from '@acme/utils';");
    if (needs.has('date')) imports.push(dateImport(p));
  }
  const labels = [...needs].filter((n) => n.endsWith('Labels') && !localImports.some((l) => l.includes(n))).sort();
  imports.push(...s.imports());
  const local = [...localImports];
  if (labels.length) local.push(`import { ${labels.join(', ')} } from '../types';`);
  const pre = s.preamble();
  return join([...imports.filter(Boolean), ...local, '', ...(pre ? [pre] : []), ...beforeBody, ...body]);
}

function listComponent(p, has) {
  const { E, Es, e, r } = p;
  const s = new Styler(p, `${E}List`);
  const [co, cc] = s.open('section', 'container');
  const [ho, hc] = s.open('header', 'row');
  const [to, tc] = s.open('h2', 'title');
  const [eo, ec] = s.open('p', 'error');
  const [bo, bc] = s.open('div', 'actions');
  const searchable = p.fields.filter((f) => (f.kind === 'string' || f.kind === 'text') && f.name !== 'id').slice(0, 3);
  const sortKey = p.fields.find((f) => f.kind === 'date' || f.kind === 'money' || f.kind === 'number') ?? p.fields[1];
  const enums = p.fields.filter((f) => f.kind === 'enum').slice(0, 2);
  const d = declare(p, `${E}List`, '{ onSelect }', `${E}ListProps`);
  const filterState = enums.map((f) => `  const [${f.name}, set${pascal(f.name)}] = useState<${f.enumType} | ''>('');`);
  const useConst = r.chance(0.5);
  const loading = r.int(0, 2);
  const paging = r.int(0, 2);
  const dsSearch = r.chance(p.styling === 'ds' ? 0.7 : 0.2);
  const memo = r.int(0, 2);
  if (loading === 1) s.dsUsed.add('Spinner');
  if (paging === 1) s.dsUsed.add('Pagination');
  if (dsSearch) s.dsUsed.add('Input');
  const body = [
    d.open,
    "  const [query, setQuery] = useState('');",
    '  const [page, setPage] = useState(1);',
    ...filterState,
    `  const { data, error, isLoading } = use${Es}({ query, page, pageSize: ${useConst ? constName(p, 'PAGE_SIZE') : p.pageSize}${enums.map((f) => `, ${f.name}: ${f.name} || undefined`).join('')} });`,
    ...(has.Selection
      ? [`  const ids = useMemo(() => (data?.items ?? []).map((${e}) => ${e}.id), [data]);`, `  const selection = use${E}Selection(ids);`]
      : []),
    ...(has.Table ? ["  const [view, setView] = useState<'cards' | 'table'>('cards');"] : []),
    '',
    ...(memo === 0
      ? [
          '  const visible = useMemo(() => {',
          '    const needle = query.trim().toLowerCase();',
          '    const items = data?.items ?? [];',
          `    const matches = needle ? items.filter((${e}) => ${searchable.map((f) => `${e}.${f.name}.toLowerCase().includes(needle)`).join(' || ') || 'true'}) : items;`,
          `    return [...matches].sort((a, b) => ${sortKey.kind === 'string' || sortKey.kind === 'date' ? `String(b.${sortKey.name}).localeCompare(String(a.${sortKey.name}))` : `Number(b.${sortKey.name}) - Number(a.${sortKey.name})`});`,
          '  }, [data, query]);',
        ]
      : memo === 1
        ? [`  const visible = useMemo(() => (data?.items ?? []).filter((${e}) => matches${E}(${e}, query)), [data, query]);`]
        : [
            '  const needle = query.trim().toLowerCase();',
            `  const visible: ${E}[] = [];`,
            `  for (const ${e} of data?.items ?? []) {`,
            `    if (!needle || ${searchable.map((f) => `${e}.${f.name}.toLowerCase().includes(needle)`).join(' || ') || 'true'}) visible.push(${e});`,
            '  }',
          ]),
    '',
    ...(loading === 0
      ? ['  if (isLoading) {', `    return <p>Loading ${p.human}s…</p>;`, '  }']
      : loading === 1
        ? [`  if (isLoading) return <Spinner label="Loading ${p.human}s" />;`]
        : ['  if (isLoading) {', '    return <div className="skeleton" aria-busy="true" />;', '  }']),
    '  if (error) {',
    `    return ${eo}Could not load ${p.human}s: {error.message}${ec};`,
    '  }',
    '',
    '  return (',
    `    ${co}`,
    `      ${ho}`,
    `        ${to}${human(p.entity)}s{data ? \` (\${data.total})\` : ''}${tc}`,
    dsSearch
      ? `        <Input value={query} onChange={(value) => setQuery(String(value ?? ''))} placeholder="Search ${p.human}s" />`
      : `        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search ${p.human}s" maxLength={${r.pick([64, 100, 120, 200])}} />`,
    ...enums.flatMap((f) => [
      `        <select value={${f.name}} onChange={(event) => set${pascal(f.name)}(event.target.value as ${f.enumType} | '')}>`,
      `          <option value="">Any ${human(f.name).toLowerCase()}</option>`,
      `          {Object.entries(${p.e}${pascal(f.name)}Labels).map(([value, label]) => (`,
      '            <option key={value} value={value}>',
      '              {label}',
      '            </option>',
      '          ))}',
      '        </select>',
    ]),
    ...(has.Table
      ? [
          "        <button type=\"button\" onClick={() => setView(view === 'cards' ? 'table' : 'cards')}>{view === 'cards' ? 'Table' : 'Cards'}</button>",
        ]
      : []),
    `      ${hc}`,
    ...(has.Selection
      ? [
          '      {selection.selected.size > 0 && (',
          `        ${bo}`,
          `          <span>{selection.selected.size} selected</span>`,
          '          <button type="button" onClick={selection.clear}>Clear</button>',
          `        ${bc}`,
          '      )}',
        ]
      : []),
    `      {visible.length === 0 && <${E}EmptyState query={query} />}`,
    ...(has.Table ? [`      {view === 'table' && <${E}Table rows={visible} onRowClick={(row) => onSelect?.(row.id)} />}`] : []),
    `      {${has.Table ? "view === 'cards' && " : ''}visible.map((${e}) => (`,
    `        <div key={${e}.id} onClick={() => onSelect?.(${e}.id)} role="button" tabIndex={0} onKeyDown={(event) => event.key === 'Enter' && onSelect?.(${e}.id)}>`,
    ...(has.Selection
      ? [
          `          <input type="checkbox" checked={selection.selected.has(${e}.id)} onChange={() => selection.toggle(${e}.id)} onClick={(event) => event.stopPropagation()} />`,
        ]
      : []),
    `          <${E}Card ${e}={${e}} />`,
    '        </div>',
    '      ))}',
    ...(paging === 0
      ? [
          '      {data && data.total > data.pageSize && (',
          '        <nav>',
          '          <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>',
          '            Previous',
          '          </button>',
          '          <span>',
          '            Page {page} of {Math.ceil(data.total / data.pageSize)}',
          '          </span>',
          '          <button type="button" disabled={page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>',
          '            Next',
          '          </button>',
          '        </nav>',
          '      )}',
        ]
      : paging === 1
        ? [
            '      {data && <Pagination page={page} pageSize={data.pageSize} total={data.total} onChange={(next) => setPage(Number(next))} />}',
          ]
        : [
            '      {data && page * data.pageSize < data.total && (',
            '        <button type="button" className="load-more" onClick={() => setPage((current) => current + 1)}>',
            `          Show more ${p.human}s`,
            '        </button>',
            '      )}',
          ]),
    `    ${cc}`,
    '  );',
    d.close,
    '',
    ...(memo === 1
      ? [
          `function matches${E}(${e}: ${E}, query: string): boolean {`,
          '  const needle = query.trim().toLowerCase();',
          `  return !needle || ${searchable.map((f) => `${e}.${f.name}.toLowerCase().includes(needle)`).join(' || ') || 'true'};`,
          '}',
          '',
        ]
      : []),
    `function ${E}EmptyState({ query }: { query: string }) {`,
    '  return (',
    '    <div className="empty">',
    `      <p>{query ? \`No ${p.human}s match “\${query}”\` : 'No ${p.human}s yet'}</p>`,
    `      <p>${r.pick(['Try another search, or create the first one.', 'Create one to get started.', 'They will show up here once created.'])}</p>`,
    '    </div>',
    '  );',
    '}',
  ];
  const local = [
    `import { use${Es}${has.Selection ? `, use${E}Selection` : ''} } from '../hooks/use${Es}';`,
    `import { ${E}Card } from './${E}Card';`,
  ];
  if (has.Table) local.push(`import { ${E}Table } from './${E}Table';`);
  const fromTypes = [...(useConst ? [constName(p, 'PAGE_SIZE')] : []), ...enums.map((f) => `${p.e}${pascal(f.name)}Labels`)];
  if (fromTypes.length) local.push(`import { ${fromTypes.join(', ')} } from '../types';`);
  const types = [...(memo !== 0 ? [E] : []), ...enums.map((f) => f.enumType)];
  if (types.length) local.push(`import type { ${types.join(', ')} } from '../types';`);
  return {
    name: `${E}List`,
    styler: s,
    text: finishComponent(
      p,
      s,
      local,
      [`export interface ${E}ListProps {`, '  onSelect?: (id: string) => void;', '}', ''],
      body,
      [],
      [...(memo !== 2 || has.Selection ? ['useMemo'] : []), 'useState'],
    ),
  };
}

function tableComponent(p) {
  const { E, e, r } = p;
  const s = new Styler(p, `${E}Table`);
  const cols = p.fields.filter((x) => ['string', 'date', 'number', 'money'].includes(x.kind)).slice(0, 7);
  const [co, cc] = s.open('div', 'container');
  const d = declare(p, `${E}Table`, '{ rows, onRowClick }', `${E}TableProps`);
  const first = cols[0] ?? p.fields[1];
  const sortStyle = r.int(0, 2);
  const body = [
    d.open,
    `  const [sortBy, setSortBy] = useState<${E}SortKey>('${first.name}');`,
    "  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');",
    '',
    ...(sortStyle === 0
      ? [
          '  const sorted = useMemo(() => {',
          "    const factor = direction === 'asc' ? 1 : -1;",
          '    return [...rows].sort((a, b) => {',
          '      const x = a[sortBy];',
          '      const y = b[sortBy];',
          '      if (x === y) return 0;',
          '      if (x === null) return 1;',
          '      if (y === null) return -1;',
          '      return (x < y ? -1 : 1) * factor;',
          '    });',
          '  }, [rows, sortBy, direction]);',
        ]
      : sortStyle === 1
        ? [
            "  const sorted = useMemo(() => [...rows].sort((a, b) => String(a[sortBy] ?? '').localeCompare(String(b[sortBy] ?? ''), undefined, { numeric: true }) * (direction === 'asc' ? 1 : -1)), [rows, sortBy, direction]);",
          ]
        : [`  const sorted = useMemo(() => sortRows(rows, sortBy, direction), [rows, sortBy, direction]);`]),
    '',
    `  const toggleSort = (key: ${E}SortKey) => {`,
    '    if (key === sortBy) {',
    "      setDirection(direction === 'asc' ? 'desc' : 'asc');",
    '    } else {',
    '      setSortBy(key);',
    "      setDirection('asc');",
    '    }',
    '  };',
    '',
    '  return (',
    `    ${co}`,
    '      <table>',
    '        <thead>',
    '          <tr>',
    `            {${e}Columns.map((column) => (`,
    `              <th key={column.key} style={{ width: column.width, textAlign: column.align${r.chance(p.magic) ? `, padding: '${r.pick(['6px 8px', '8px 12px', '4px 6px'])}'` : ''} }} onClick={() => toggleSort(column.key)}>`,
    '                {column.header}',
    "                {sortBy === column.key ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}",
    '              </th>',
    '            ))}',
    '          </tr>',
    '        </thead>',
    '        <tbody>',
    `          {sorted.map((${e}) => (`,
    `            <tr key={${e}.id} onClick={() => onRowClick?.(${e})}>`,
    ...cols.map(
      (f) => `              <td${f.kind === 'money' || f.kind === 'number' ? ' className="numeric"' : ''}>${fieldDisplay(p, f, e)}</td>`,
    ),
    '            </tr>',
    '          ))}',
    '        </tbody>',
    '      </table>',
    `    ${cc}`,
    '  );',
    d.close,
  ];
  if (sortStyle === 2) {
    body.unshift(
      `function sortRows(rows: readonly ${E}[], key: ${E}SortKey, direction: 'asc' | 'desc'): ${E}[] {`,
      '  const out = rows.slice();',
      '  out.sort((a, b) => {',
      "    const left = a[key] ?? '';",
      "    const right = b[key] ?? '';",
      '    const order = left < right ? -1 : left > right ? 1 : 0;',
      "    return direction === 'desc' ? -order : order;",
      '  });',
      '  return out;',
      '}',
      '',
    );
  }
  return {
    name: `${E}Table`,
    styler: s,
    text: finishComponent(
      p,
      s,
      [`import { ${e}Columns } from '../types';`, `import type { ${E}, ${E}SortKey } from '../types';`],
      [`export interface ${E}TableProps {`, `  rows: readonly ${E}[];`, `  onRowClick?: (row: ${E}) => void;`, '}', ''],
      body,
      cols,
      ['useMemo', 'useState'],
    ),
  };
}

function formComponent(p) {
  const { E, r } = p;
  const s = new Styler(p, `${E}Form`);
  const editable = p.fields.filter((f) => f.name !== 'id' && !/At$/.test(f.name) && f.kind !== 'tags').slice(0, r.int(4, 9));
  const init = (f) =>
    f.kind === 'bool' ? 'false' : f.kind === 'number' || f.kind === 'money' ? '0' : f.kind === 'enum' ? `'${f.values[0]}'` : "''";
  const [co, cc] = s.open('form', 'container', 'onSubmit={handleSubmit} noValidate');
  const [eo, ec] = s.open('p', 'error');
  const [ao, ac] = s.open('div', 'actions');
  const d = declare(p, `${E}Form`, '{ initial, onSubmit, onCancel }', `${E}FormProps`);
  const control = (f) => {
    const common = `value={values.${f.name}} aria-invalid={!!errors.${f.name}}`;
    if (f.kind === 'bool')
      return [`<input type="checkbox" checked={values.${f.name}} onChange={(event) => update('${f.name}', event.target.checked)} />`];
    if (f.kind === 'enum')
      return [
        `<select ${common} onChange={(event) => update('${f.name}', event.target.value as ${E}FormValues['${f.name}'])}>`,
        ...f.values.map((v) => `  <option value="${v}">{${p.e}${pascal(f.name)}Labels.${v}}</option>`),
        '</select>',
      ];
    if (f.kind === 'number' || f.kind === 'money')
      return [
        `<input type="number" ${common} min={0}${f.kind === 'money' ? ' step="0.01"' : ''} onChange={(event) => update('${f.name}', Number(event.target.value))} />`,
      ];
    if (f.kind === 'text')
      return [`<textarea rows={${r.pick([3, 4, 5, 6])}} ${common} onChange={(event) => update('${f.name}', event.target.value)} />`];
    return [
      `<input type="${f.kind === 'email' ? 'email' : f.kind === 'date' ? 'date' : 'text'}" ${common} onChange={(event) => update('${f.name}', event.target.value)} />`,
    ];
  };
  const half = Math.ceil(editable.length / 2);
  const groups = [
    [r.pick(['Details', 'General', 'Basics', 'Overview']), editable.slice(0, half)],
    [r.pick(['More', 'Settings', 'Advanced', 'Other']), editable.slice(half)],
  ].filter(([, g]) => g.length);
  const fieldStyle = r.int(0, 2);
  const fieldMarkup = (f) => {
    if (fieldStyle === 0)
      return [
        '        <label>',
        `          <span>${human(f.name)}</span>`,
        ...control(f).map((l) => `          ${l}`),
        `          {errors.${f.name} && ${eo}{errors.${f.name}}${ec}}`,
        '        </label>',
      ];
    if (fieldStyle === 1) {
      const [first, ...rest] = control(f);
      return [
        '        <div className="field">',
        `          <label htmlFor="${p.e}-${f.name}">${human(f.name)}</label>`,
        `          ${first.replace(/^<(\w+) /, `<$1 id="${p.e}-${f.name}" `)}`,
        ...rest.map((l) => `          ${l}`),
        `          {errors.${f.name} ? <small role="alert">{errors.${f.name}}</small> : null}`,
        '        </div>',
      ];
    }
    return [
      `        <Field label="${human(f.name)}" error={errors.${f.name}}>`,
      ...control(f).map((l) => `          ${l}`),
      '        </Field>',
    ];
  };
  const inputs = groups.flatMap(([legend, g]) => [
    '      <fieldset>',
    `        <legend>${legend}</legend>`,
    ...g.flatMap(fieldMarkup),
    '      </fieldset>',
  ]);
  const fieldHelper =
    fieldStyle === 2
      ? [
          'function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {',
          '  return (',
          '    <label className="field">',
          '      <span className="field-label">{label}</span>',
          '      {children}',
          `      {error && ${eo}{error}${ec}}`,
          '    </label>',
          '  );',
          '}',
          '',
        ]
      : [];
  const validations = [];
  for (const f of editable) {
    if (f.kind === 'string' || f.kind === 'text') {
      const limit = f.kind === 'text' ? r.pick([500, 1000, 2000]) : constName(p, 'MAX_LABEL_LENGTH');
      if (f === editable.find((x) => x.kind === 'string' || x.kind === 'text')) {
        validations.push(
          `  if (!values.${f.name}.trim()) errors.${f.name} = '${human(f.name)} is required';`,
          `  else if (values.${f.name}.length > ${limit}) errors.${f.name} = '${human(f.name)} is too long';`,
        );
      } else validations.push(`  if (values.${f.name}.length > ${limit}) errors.${f.name} = '${human(f.name)} is too long';`);
    } else if (f.kind === 'number' || f.kind === 'money') {
      validations.push(`  if (values.${f.name} < 0) errors.${f.name} = '${human(f.name)} cannot be negative';`);
      if (f.name === 'rating' || f.name === 'progress' || f.name === 'discount')
        validations.push(`  if (values.${f.name} > ${f.name === 'rating' ? 5 : 100}) errors.${f.name} = '${human(f.name)} is too high';`);
    } else if (f.kind === 'email') {
      validations.push(
        `  if (values.${f.name} && !/^[^@\\s]+@[^@\\s]+$/.test(values.${f.name})) errors.${f.name} = 'Enter a valid email address';`,
      );
    } else if (f.kind === 'date' && f.name === 'endDate' && editable.some((x) => x.name === 'startDate')) {
      validations.push(
        "  if (values.endDate && values.startDate && values.endDate < values.startDate) errors.endDate = 'End date is before the start date';",
      );
    }
  }
  const usesMax = validations.some((v) => v.includes(constName(p, 'MAX_LABEL_LENGTH')));
  const tracksDirty = r.chance(0.6);
  const submitting = r.chance(0.35);
  const clearsError = r.chance(0.4);
  const confirmCancel = r.chance(0.3);
  const updateStyle = r.int(0, 2);
  const strings = editable.filter((f) => f.kind === 'string' || f.kind === 'text' || f.kind === 'email');
  const trims = strings.length > 0 && r.chance(0.4);
  const trimHelper = trims
    ? [
        `function trimmed${E}(values: ${E}FormValues): ${E}FormValues {`,
        '  return {',
        '    ...values,',
        ...strings.map((f) => `    ${f.name}: values.${f.name}.trim(),`),
        '  };',
        '}',
        '',
      ]
    : [];
  const enumsUsed = editable.filter((f) => f.kind === 'enum');
  const body = [
    `type ${E}FormValues = Pick<${E}Input, ${editable.map((f) => `'${f.name}'`).join(' | ')}>;`,
    `type ${E}FormErrors = Partial<Record<keyof ${E}FormValues, string>>;`,
    '',
    `function validate${E}(values: ${E}FormValues): ${E}FormErrors {`,
    `  const errors: ${E}FormErrors = {};`,
    ...validations,
    '  return errors;',
    '}',
    '',
    ...trimHelper,
    ...fieldHelper,
    d.open,
    `  const [values, setValues] = useState<${E}FormValues>({`,
    ...editable.map((f) => `    ${f.name}: initial?.${f.name} ?? ${init(f)},`),
    '  });',
    `  const [errors, setErrors] = useState<${E}FormErrors>({});`,
    ...(tracksDirty ? ['  const [dirty, setDirty] = useState(false);'] : []),
    ...(submitting ? ['  const [submitting, setSubmitting] = useState(false);'] : []),
    '',
    ...(updateStyle === 0
      ? [
          `  const update = <K extends keyof ${E}FormValues>(key: K, value: ${E}FormValues[K]) => {`,
          '    setValues((current) => ({ ...current, [key]: value }));',
          ...(tracksDirty ? ['    setDirty(true);'] : []),
          ...(clearsError ? ['    setErrors((current) => ({ ...current, [key]: undefined }));'] : []),
          '  };',
        ]
      : updateStyle === 1
        ? [
            `  function update<K extends keyof ${E}FormValues>(key: K, value: ${E}FormValues[K]): void {`,
            `    setValues({ ...values, [key]: value });`,
            ...(tracksDirty ? ['    if (!dirty) setDirty(true);'] : []),
            '  }',
          ]
        : [
            `  const update = useCallback(<K extends keyof ${E}FormValues>(key: K, value: ${E}FormValues[K]) => {`,
            '    setValues((previous) => {',
            '      if (previous[key] === value) return previous;',
            ...(tracksDirty ? ['      setDirty(true);'] : []),
            '      return { ...previous, [key]: value };',
            '    });',
            '  }, []);',
          ]),
    '',
    ...(submitting
      ? [
          `  const handleSubmit = async (event: FormEvent) => {`,
          '    event.preventDefault();',
          `    const problems = validate${E}(values);`,
          '    setErrors(problems);',
          '    if (Object.values(problems).some(Boolean)) return;',
          '    setSubmitting(true);',
          '    try {',
          trims ? `      await onSubmit(trimmed${E}(values));` : '      await onSubmit(values);',
          '    } finally {',
          '      setSubmitting(false);',
          '    }',
          '  };',
        ]
      : [
          '  const handleSubmit = (event: FormEvent) => {',
          '    event.preventDefault();',
          `    const found = validate${E}(values);`,
          '    setErrors(found);',
          `    if (Object.keys(found).length === 0) onSubmit(${trims ? `trimmed${E}(values)` : 'values'});`,
          '  };',
        ]),
    ...(confirmCancel && tracksDirty
      ? [
          '',
          '  const handleCancel = () => {',
          `    if (dirty && !window.confirm('Discard your changes to this ${p.human}?')) return;`,
          '    onCancel?.();',
          '  };',
        ]
      : []),
    '',
    '  return (',
    `    ${co}`,
    ...inputs,
    `      ${ao}`,
    `        <button type="button" onClick={${confirmCancel && tracksDirty ? 'handleCancel' : 'onCancel'}}>`,
    '          Cancel',
    '        </button>',
    `        <button type="submit"${tracksDirty || submitting ? ` disabled={${[tracksDirty ? '!dirty' : '', submitting ? 'submitting' : ''].filter(Boolean).join(' || ')}}` : ''}>`,
    `          ${submitting ? "{submitting ? 'Saving…' : 'Save'}" : 'Save'}`,
    '        </button>',
    `      ${ac}`,
    `    ${cc}`,
    '  );',
    d.close,
  ];
  const fromTypes = [...(usesMax ? [constName(p, 'MAX_LABEL_LENGTH')] : []), ...enumsUsed.map((f) => `${p.e}${pascal(f.name)}Labels`)];
  const local = [
    `import type { FormEvent${fieldStyle === 2 ? ', ReactNode' : ''} } from 'react';`,
    `import type { ${E}Input } from '../types';`,
  ];
  if (fromTypes.length) local.push(`import { ${fromTypes.join(', ')} } from '../types';`);
  const text = finishComponent(
    p,
    s,
    local,
    [
      `export interface ${E}FormProps {`,
      `  initial?: Partial<${E}Input>;`,
      `  onSubmit: (values: Partial<${E}Input>) => ${submitting ? 'Promise<void> | void' : 'void'};`,
      '  onCancel?: () => void;',
      '}',
      '',
    ],
    body,
    [],
    updateStyle === 2 ? ['useCallback', 'useState'] : ['useState'],
  );
  return { name: `${E}Form`, styler: s, text };
}

function detailsComponent(p) {
  const { E, e } = p;
  const s = new Styler(p, `${E}Details`);
  const [co, cc] = s.open('section', 'container');
  const [to, tc] = s.open('h2', 'title');
  const [ao, ac] = s.open('div', 'actions');
  const shown = p.fields.slice(2);
  const d = declare(p, `${E}Details`, '{ id, onClose, onEdit }', `{ id: string; onClose?: () => void; onEdit?: (id: string) => void }`);
  const body = [
    d.open,
    `  const ${e} = use${E}(id)${p.query === 'react-query' ? '.data' : ''};`,
    `  if (!${e}) {`,
    `    return <p>Loading ${p.human}…</p>;`,
    '  }',
    '  return (',
    `    ${co}`,
    `      ${to}{${e}.${p.label}}${tc}`,
    '      <dl>',
    ...shown.flatMap((f) => [
      `        <dt>${human(f.name)}</dt>`,
      `        <dd>${f.kind === 'tags' ? `{${e}.${f.name}.length ? ${e}.${f.name}.join(', ') : '—'}` : fieldDisplay(p, f, e)}</dd>`,
    ]),
    '      </dl>',
    `      ${ao}`,
    `        {onEdit && <button type="button" onClick={() => onEdit(${e}.id)}>Edit</button>}`,
    '        {onClose && <button type="button" onClick={onClose}>Close</button>}',
    `      ${ac}`,
    `    ${cc}`,
    '  );',
    d.close,
  ];
  return {
    name: `${E}Details`,
    styler: s,
    text: finishComponent(p, s, [`import { use${E} } from '../hooks/use${p.Es}';`], [], body, shown),
  };
}

function summaryComponent(p) {
  const { E, e, es } = p;
  const s = new Styler(p, `${E}Summary`);
  const numeric = p.fields.filter((f) => f.kind === 'money' || f.kind === 'number');
  const [co, cc] = s.open('aside', 'container');
  const [lo, lc] = s.open('span', 'label');
  const d = declare(p, `${E}Summary`, `{ ${es} }`, `{ ${es}: readonly ${E}[] }`);
  const enumF = p.fields.find((f) => f.kind === 'enum');
  const body = [
    d.open,
    ...numeric.map((f) => `  const ${f.name}Total = ${es}.reduce((sum, ${e}) => sum + ${e}.${f.name}, 0);`),
    ...(enumF
      ? [
          `  const by${pascal(enumF.name)} = new Map<string, number>();`,
          `  for (const ${e} of ${es}) by${pascal(enumF.name)}.set(${e}.${enumF.name}, (by${pascal(enumF.name)}.get(${e}.${enumF.name}) ?? 0) + 1);`,
        ]
      : []),
    '  return (',
    `    ${co}`,
    `      ${lo}${p.human}s${lc} <strong>{${es}.length}</strong>`,
    ...numeric.map(
      (f) =>
        `      ${lo}${pascal(f.name)}${lc} <strong>{${f.kind === 'money' ? `formatMoney(${f.name}Total)` : `${f.name}Total.toFixed(${f.name === 'rating' ? 1 : 0})`}}</strong>`,
    ),
    ...(enumF
      ? [
          '      <ul>',
          `        {[...by${pascal(enumF.name)}].map(([key, count]) => (`,
          '          <li key={key}>',
          '            {key}: {count}',
          '          </li>',
          '        ))}',
          '      </ul>',
        ]
      : []),
    `    ${cc}`,
    '  );',
    d.close,
  ];
  const money = numeric.some((f) => f.kind === 'money');
  return {
    name: `${E}Summary`,
    styler: s,
    text: finishComponent(
      p,
      s,
      [`import type { ${E} } from '../types';`, ...(money ? ["import { formatMoney } from '@acme/utils';"] : [])],
      [],
      body,
      [],
    ),
  };
}

/** A large editor view: a reducer with one action per field, one panel per field, undo. The long tail of file sizes. */
function workspaceComponent(p) {
  const { E, e, r } = p;
  const s = new Styler(p, `${E}Workspace`);
  const editable = p.fields.filter((f) => f.name !== 'id' && f.kind !== 'tags');
  const action = (f) => `set-${f.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const valueType = (f) => (f.kind === 'enum' ? f.enumType : tsType(f));
  const [co, cc] = s.open('section', 'container');
  const [to, tc] = s.open('h2', 'title');
  const [ao, ac] = s.open('div', 'actions');
  const dataDriven = r.chance(0.5);
  const panels = dataDriven
    ? []
    : editable.flatMap((f) => {
        const [po, pc] = s.open('div', 'row');
        const [lo, lc] = s.open('label', 'label');
        const input =
          f.kind === 'bool'
            ? `<input id="${e}-${f.name}" type="checkbox" checked={value} onChange={(event) => onChange(event.target.checked)} />`
            : f.kind === 'money' || f.kind === 'number'
              ? `<input id="${e}-${f.name}" type="number" value={value} onChange={(event) => onChange(Number(event.target.value))} />`
              : f.kind === 'enum'
                ? `<select id="${e}-${f.name}" value={value} onChange={(event) => onChange(event.target.value as ${f.enumType})}>\n${f.values.map((v) => `        <option value="${v}">${human(v)}</option>`).join('\n')}\n      </select>`
                : `<input id="${e}-${f.name}" value={value ?? ''} onChange={(event) => onChange(event.target.value)} />`;
        const hint = r.chance(0.5) ? [`      {hint && <small>{hint}</small>}`] : [];
        return [
          `function ${pascal(f.name)}Panel({ value, onChange${hint.length ? ', hint' : ''} }: { value: ${valueType(f)}; onChange: (value: ${valueType(f)}) => void${hint.length ? '; hint?: string' : ''} }) {`,
          '  return (',
          `    ${po}`,
          `      ${lo.replace('>', ` htmlFor="${e}-${f.name}">`)}${human(f.name)}${lc}`,
          `      ${input}`,
          ...hint,
          `    ${pc}`,
          '  );',
          '}',
          '',
        ];
      });
  const d = declare(p, `${E}Workspace`, '{ initial, onSave }', `{ initial: ${E}; onSave: (${e}: ${E}) => void }`);
  const history = r.int(10, 50);
  const keeps = r.chance(0.6);
  const keys = keeps && r.chance(0.6);
  const body = [
    `type ${E}Action =`,
    ...editable.map((f, i) => `  | { type: '${action(f)}'; value: ${valueType(f)} }${i === editable.length - 1 ? '' : ''}`),
    "  | { type: 'undo' }",
    `  | { type: 'reset'; value: ${E} };`,
    '',
    `interface ${E}State {`,
    `  current: ${E};`,
    `  past: ${E}[];`,
    '}',
    '',
    `function ${e}Reducer(state: ${E}State, action: ${E}Action): ${E}State {`,
    '  switch (action.type) {',
    ...editable.flatMap((f) => [
      `    case '${action(f)}':`,
      keeps
        ? `      return { current: { ...state.current, ${f.name}: action.value }, past: [...state.past, state.current].slice(-${history}) };`
        : `      return { ...state, current: { ...state.current, ${f.name}: action.value } };`,
    ]),
    "    case 'undo': {",
    ...(keeps
      ? [
          '      const previous = state.past[state.past.length - 1];',
          '      return previous ? { current: previous, past: state.past.slice(0, -1) } : state;',
        ]
      : ['      return state;']),
    '    }',
    "    case 'reset':",
    '      return { current: action.value, past: [] };',
    '    default:',
    '      return state;',
    '  }',
    '}',
    '',
    ...panels,
    ...(dataDriven
      ? [
          `const textFields: ReadonlyArray<{ key: keyof ${E}; label: string; action: ${E}Action['type'] }> = [`,
          ...editable
            .filter((f) => ['string', 'text', 'email', 'date'].includes(f.kind))
            .map((f) => `  { key: '${f.name}', label: '${human(f.name)}', action: '${action(f)}' },`),
          '];',
          '',
        ]
      : []),
    d.open,
    `  const [state, dispatch] = useReducer(${e}Reducer, { current: initial, past: [] });`,
    `  const changed = useMemo(() => (Object.keys(initial) as Array<keyof ${E}>).filter((key) => initial[key] !== state.current[key]), [initial, state]);`,
    '',
    ...(keys
      ? [
          '  useEffect(() => {',
          '    const onKey = (event: KeyboardEvent) => {',
          "      if ((event.metaKey || event.ctrlKey) && event.key === 'z') {",
          '        event.preventDefault();',
          "        dispatch({ type: 'undo' });",
          '      }',
          '    };',
          "    window.addEventListener('keydown', onKey);",
          "    return () => window.removeEventListener('keydown', onKey);",
          '  }, []);',
          '',
        ]
      : []),
    '  return (',
    `    ${co}`,
    `      ${to}{state.current.${p.label}}${tc}`,
    ...(dataDriven
      ? [
          '      {textFields.map((field) => (',
          '        <label key={field.key}>',
          '          {field.label}',
          "          <input value={String(state.current[field.key] ?? '')} onChange={(event) => dispatch({ type: field.action, value: event.target.value } as " +
            `${E}Action)} />`,
          '        </label>',
          '      ))}',
          ...editable
            .filter((f) => !['string', 'text', 'email', 'date'].includes(f.kind))
            .map((f) =>
              f.kind === 'bool'
                ? `      <label>\n        <input type="checkbox" checked={state.current.${f.name}} onChange={(event) => dispatch({ type: '${action(f)}', value: event.target.checked })} />\n        ${human(f.name)}\n      </label>`
                : f.kind === 'enum'
                  ? `      <select value={state.current.${f.name}} onChange={(event) => dispatch({ type: '${action(f)}', value: event.target.value as ${f.enumType} })}>\n${f.values.map((v) => `        <option value="${v}">${human(v)}</option>`).join('\n')}\n      </select>`
                  : `      <input type="number" aria-label="${human(f.name)}" value={state.current.${f.name}} onChange={(event) => dispatch({ type: '${action(f)}', value: Number(event.target.value) })} />`,
            ),
        ]
      : editable.map(
          (f) =>
            `      <${pascal(f.name)}Panel value={state.current.${f.name}} onChange={(value) => dispatch({ type: '${action(f)}', value })} />`,
        )),
    `      ${ao}`,
    '        <span>{changed.length} unsaved changes</span>',
    '        <button type="button" disabled={state.past.length === 0} onClick={() => dispatch({ type: \'undo\' })}>',
    '          Undo',
    '        </button>',
    '        <button type="button" onClick={() => dispatch({ type: \'reset\', value: initial })}>',
    '          Reset',
    '        </button>',
    '        <button type="button" disabled={changed.length === 0} onClick={() => onSave(state.current)}>',
    '          Save',
    '        </button>',
    `      ${ac}`,
    `    ${cc}`,
    '  );',
    d.close,
  ];
  const enums = editable.filter((f) => f.kind === 'enum').map((f) => f.enumType);
  return {
    name: `${E}Workspace`,
    styler: s,
    text: finishComponent(
      p,
      s,
      [`import type { ${[E, ...enums].join(', ')} } from '../types';`],
      [],
      body,
      [],
      [...(keys ? ['useEffect'] : []), 'useMemo', 'useReducer'],
    ),
  };
}

/** Business rules: small functions of varied shape over the entity's fields, with the literals logic code carries. */
function rulesFile(p) {
  const { E, e, r } = p;
  const nums = p.fields.filter((f) => f.kind === 'money' || f.kind === 'number');
  const enums = p.fields.filter((f) => f.kind === 'enum');
  const bools = p.fields.filter((f) => f.kind === 'bool');
  const strs = p.fields.filter((f) => (f.kind === 'string' || f.kind === 'text') && f.name !== 'id');
  const dates = p.fields.filter((f) => f.kind === 'date');
  const lit = () => r.pick([r.int(2, 12), r.int(10, 100), r.int(100, 5000), r.pick([0.1, 0.15, 0.2, 0.25, 0.5, 1.5, 0.075])]);
  const num = (depth = 0) => {
    const leaf = () => (nums.length && r.chance(0.65) ? `${e}.${r.pick(nums).name}` : String(lit()));
    if (depth > 1 || r.chance(0.35)) return leaf();
    switch (r.int(0, 4)) {
      case 0:
        return `${num(depth + 1)} ${r.pick(['+', '-', '*'])} ${num(depth + 1)}`;
      case 1:
        return `Math.${r.pick(['max', 'min'])}(${num(depth + 1)}, ${num(depth + 1)})`;
      case 2:
        return `Math.round(${num(depth + 1)} ${r.pick(['*', '/'])} ${lit()})`;
      case 3:
        return `(${num(depth + 1)} ${r.pick(['+', '-'])} ${num(depth + 1)})`;
      default:
        return leaf();
    }
  };
  const cond = () => {
    const options = [() => `${num()} ${r.pick(['>', '<', '>=', '<='])} ${lit()}`];
    if (enums.length)
      options.push(() => {
        const f = r.pick(enums);
        return `${e}.${f.name} ${r.pick(['===', '!=='])} '${r.pick(f.values)}'`;
      });
    if (bools.length) options.push(() => `${r.chance(0.5) ? '!' : ''}${e}.${r.pick(bools).name}`);
    if (strs.length) options.push(() => `${e}.${r.pick(strs).name}.length ${r.pick(['>', '<'])} ${r.int(3, 140)}`);
    if (dates.length)
      options.push(() => {
        const f = r.pick(dates);
        return `!!${e}.${f.name} && new Date(${e}.${f.name}).getTime() ${r.pick(['<', '>'])} now - ${r.int(1, 90)} * DAY`;
      });
    const one = () => r.pick(options)();
    return r.chance(0.3) ? `${one()} ${r.pick(['&&', '||'])} ${one()}` : one();
  };
  const verbs = ['score', 'weigh', 'estimate', 'rank', 'grade', 'rate', 'price', 'measure', 'assess', 'project'];
  const nouns = ['Risk', 'Effort', 'Value', 'Urgency', 'Cost', 'Fee', 'Impact', 'Health', 'Penalty', 'Bonus', 'Threshold', 'Margin'];
  const used = new Set();
  const out = [`import type { ${E} } from './types';`, '', 'const DAY = 24 * 60 * 60 * 1000;', ''];
  const count = r.int(2, 7);
  for (let i = 0; i < count; i++) {
    let name;
    do name = `${r.pick(verbs)}${E}${r.pick(nouns)}`;
    while (used.has(name));
    used.add(name);
    const kind = r.int(0, 3);
    const body = [];
    if (kind === 0) {
      // a ladder of conditions returning scores
      body.push(`export function ${name}(${e}: ${E}, now = Date.now()): number {`);
      const steps = r.int(2, 5);
      for (let k = 0; k < steps; k++) body.push(`  if (${cond()}) {`, `    return ${num()};`, '  }');
      body.push(`  return ${r.chance(0.5) ? lit() : num()};`, '}');
    } else if (kind === 1 && enums.length) {
      const f = r.pick(enums);
      body.push(`export function ${name}(${e}: ${E}): number {`, `  switch (${e}.${f.name}) {`);
      for (const v of f.values) if (r.chance(0.7)) body.push(`    case '${v}':`, `      return ${num()};`);
      body.push('    default:', `      return ${lit()};`, '  }', '}');
    } else if (kind === 2) {
      // accumulate over several checks
      body.push(`export function ${name}(${e}: ${E}, now = Date.now()): number {`, `  let total = ${lit()};`);
      const steps = r.int(2, 5);
      for (let k = 0; k < steps; k++) {
        if (r.chance(0.5)) body.push(`  if (${cond()}) total ${r.pick(['+=', '-=', '*='])} ${num()};`);
        else body.push(`  if (${cond()}) {`, `    total = ${r.pick(['Math.max', 'Math.min'])}(total, ${num()});`, '  }');
      }
      body.push(`  return Math.round(total * ${r.pick([1, 10, 100])}) / ${r.pick([1, 10, 100])};`, '}');
    } else {
      body.push(`export function ${name}(${e}: ${E}, now = Date.now()): boolean {`);
      const steps = r.int(1, 3);
      for (let k = 0; k < steps; k++) body.push(`  if (${cond()}) return ${r.chance(0.5)};`);
      body.push(`  return ${cond()};`, '}');
    }
    out.push(...body, '');
  }
  out.pop();
  return join(out);
}

/** A hand-rolled button instead of the design system's <Button>: design-system debt. */
function ownButtonComponent(p) {
  const { r } = p;
  const name = `${p.E}${r.pick(['ActionButton', 'PrimaryButton', 'SubmitButton', 'SaveButton', 'ConfirmButton'])}`;
  const bg = r.pick([COLORS.primary, '#3b82f6', COLORS.success, '#1e40af']);
  const d = declare(p, name, '{ label, onClick, disabled, loading }', `${name}Props`);
  return {
    name,
    text: join([
      p.decl === 'fc' ? "import React from 'react';" : null,
      '',
      `interface ${name}Props {`,
      '  label: string;',
      '  onClick: () => void;',
      '  disabled?: boolean;',
      '  loading?: boolean;',
      '}',
      '',
      d.open,
      '  return (',
      '    <button',
      '      type="button"',
      '      onClick={onClick}',
      '      disabled={disabled || loading}',
      '      style={{',
      `        background: '${bg}',`,
      "        color: '#ffffff',",
      `        padding: '${r.pick(['8px 16px', '6px 12px', '10px 20px'])}',`,
      `        borderRadius: ${r.pick([4, 6, 8])},`,
      "        border: 'none',",
      `        fontSize: ${r.pick([14, 15, 16])},`,
      "        cursor: disabled ? 'not-allowed' : 'pointer',",
      `        opacity: disabled ? ${r.pick([0.5, 0.6])} : 1,`,
      '      }}',
      '    >',
      "      {loading ? 'Saving…' : label}",
      '    </button>',
      '  );',
      d.close,
    ]),
  };
}

function pageComponent(p, has, buttonName) {
  const { E, Es, e, es } = p;
  const d = declare(p, `${Es}Page`, '', '');
  const rq = p.query === 'react-query';
  const body = [
    d.open,
    '  const [selected, setSelected] = useState<string | undefined>();',
    `  const [editing, setEditing] = useState<string | 'new' | null>(null);`,
    rq ? `  const save = useSave${E}();` : `  const { save, isSaving } = useSave${E}();`,
    ...(has.Summary ? [`  const { data } = use${Es}({ query: '', page: 1, pageSize: ${constName(p, 'PAGE_SIZE')} });`] : []),
    '',
    `  const handleSubmit = ${rq ? '' : 'async '}(values: Partial<${E}Input>) => {`,
    `    const input = values as ${E}Input;`,
    rq
      ? "    save.mutate({ input, id: editing === 'new' || editing === null ? undefined : editing });"
      : "    await save(input, editing === 'new' || editing === null ? undefined : editing);",
    '    setEditing(null);',
    '  };',
    '',
    '  return (',
    '    <main>',
    '      <header>',
    `        <h1>${human(p.entity)}s</h1>`,
    buttonName
      ? `        <${buttonName} label="New ${p.human}" onClick={() => setEditing('new')} loading={${rq ? 'save.isPending' : 'isSaving'}} />`
      : `        <button type="button" onClick={() => setEditing('new')}>New ${p.human}</button>`,
    '      </header>',
    ...(has.Summary ? [`      {data && <${E}Summary ${es}={data.items} />}`] : []),
    `      <${E}List onSelect={setSelected} />`,
    ...(has.Details
      ? [`      {selected && <${E}Details id={selected} onClose={() => setSelected(undefined)} onEdit={(id) => setEditing(id)} />}`]
      : []),
    '      {editing && (',
    `        <${E}Form`,
    '          onSubmit={handleSubmit}',
    '          onCancel={() => setEditing(null)}',
    '        />',
    '      )}',
    '    </main>',
    '  );',
    d.close,
  ];
  const imports = [
    reactImport(p, ['useState']),
    `import { ${E}List } from './components/${E}List';`,
    `import { ${E}Form } from './components/${E}Form';`,
  ];
  if (has.Details) imports.push(`import { ${E}Details } from './components/${E}Details';`);
  if (has.Summary)
    imports.push(`import { ${E}Summary } from './components/${E}Summary';`, `import { ${constName(p, 'PAGE_SIZE')} } from './types';`);
  if (buttonName) imports.push(`import { ${buttonName} } from './components/${buttonName}';`);
  imports.push(
    `import { useSave${E}${has.Summary ? `, use${Es}` : ''} } from './hooks/use${Es}';`,
    `import type { ${E}Input } from './types';`,
  );
  void e;
  return join([...imports, '', ...body]);
}

function utilsFile(p, snippets) {
  const { E, Es, e, es, r } = p;
  const lines = [];
  const di = dateImport(p);
  const dates = p.fields.filter((f) => f.kind === 'date');
  if (dates.length && di) lines.push(di);
  lines.push(`import type { ${E} } from './types';`, '');
  const cutoff = r.pick([7, 14, 30, 90]);
  if (dates.length) {
    const f = dates[0];
    lines.push(`export function format${E}${pascal(f.name)}(${e}: ${E}): string {`, `  return ${dateExpr(p, `${e}.${f.name}`)};`, '}', '');
    lines.push(
      `export function is${E}Recent(${e}: ${E}, now = Date.now()): boolean {`,
      `  if (!${e}.${f.name}) return false;`,
      `  return now - new Date(${e}.${f.name}).getTime() < ${r.chance(0.5) ? `${cutoff} * 24 * 60 * 60 * 1000` : cutoff * 86400000};`,
      '}',
      '',
    );
  }
  const nums = p.fields.filter((f) => f.kind === 'money' || f.kind === 'number');
  for (const f of nums.slice(0, 2)) {
    lines.push(
      `export function total${pascal(f.name)}(${es}: readonly ${E}[]): number {`,
      `  return ${es}.reduce((sum, ${e}) => sum + (${e}.${f.name} ?? 0), 0);`,
      '}',
      '',
    );
  }
  const enumF = p.fields.find((f) => f.kind === 'enum');
  if (enumF) {
    lines.push(
      `export function group${Es}By${pascal(enumF.name)}(${es}: readonly ${E}[]): Map<${E}['${enumF.name}'], ${E}[]> {`,
      `  const groups = new Map<${E}['${enumF.name}'], ${E}[]>();`,
      `  for (const ${e} of ${es}) {`,
      `    const list = groups.get(${e}.${enumF.name}) ?? [];`,
      `    list.push(${e});`,
      `    groups.set(${e}.${enumF.name}, list);`,
      '  }',
      '  return groups;',
      '}',
      '',
    );
  }
  lines.push(
    `export function ${e}Label(${e}: ${E}): string {`,
    `  return ${e}.${p.label}.length > ${r.pick([24, 32, 40, 48])} ? \`\${${e}.${p.label}.slice(0, ${r.pick([21, 29, 37])})}…\` : ${e}.${p.label};`,
    '}',
  );
  for (const sn of snippets) lines.push('', sn.code.trimEnd());
  return join(lines);
}

function testFile(p) {
  const { E, Es, e, r } = p;
  const sample = p.fields.map((f) => {
    const v =
      f.kind === 'money' || f.kind === 'number'
        ? r.int(1, 900)
        : f.kind === 'bool'
          ? 'true'
          : f.kind === 'tags'
            ? "['a', 'b']"
            : f.kind === 'date'
              ? "'2024-03-01'"
              : f.kind === 'enum'
                ? `'${f.values[0]}'`
                : `'${f.name}-${r.int(1, 99)}'`;
    return `  ${f.name}: ${v},`;
  });
  return join([
    "import { describe, expect, it } from 'vitest';",
    `import { ${e}Label${p.fields.some((f) => f.kind === 'date') ? `, is${E}Recent` : ''} } from '../utils';`,
    `import type { ${E} } from '../types';`,
    '',
    `const ${e}: ${E} = {`,
    ...sample,
    '};',
    '',
    `describe('${Es} utils', () => {`,
    `  it('labels a ${p.human} by its ${p.label}', () => {`,
    `    expect(${e}Label(${e})).toBe(${e}.${p.label});`,
    '  });',
    '',
    `  it('shortens long labels', () => {`,
    `    expect(${e}Label({ ...${e}, ${p.label}: 'x'.repeat(200) }).endsWith('…')).toBe(true);`,
    '  });',
    ...(p.fields.some((f) => f.kind === 'date')
      ? [
          '',
          "  it('knows what is recent', () => {",
          `    expect(is${E}Recent(${e}, new Date('2024-03-02').getTime())).toBe(true);`,
          `    expect(is${E}Recent(${e}, new Date('2030-01-01').getTime())).toBe(false);`,
          '  });',
        ]
      : []),
    '});',
  ]);
}

function componentTest(p) {
  const { E, e } = p;
  const f = p.fields[1];
  return join([
    "import { render, screen, fireEvent } from '@testing-library/react';",
    "import { describe, expect, it, vi } from 'vitest';",
    `import { ${E}Card } from '../components/${E}Card';`,
    `import type { ${E} } from '../types';`,
    '',
    `const ${e} = { id: '1', ${f.name}: 'First ${p.human}' } as unknown as ${E};`,
    '',
    `describe('${E}Card', () => {`,
    `  it('shows the ${f.name}', () => {`,
    `    render(<${E}Card ${e}={${e}} />);`,
    `    expect(screen.getByText('First ${p.human}')).toBeTruthy();`,
    '  });',
    '',
    "  it('calls onEdit', () => {",
    '    const onEdit = vi.fn();',
    `    render(<${E}Card ${e}={${e}} onEdit={onEdit} />);`,
    "    fireEvent.click(screen.getByText('Edit'));",
    `    expect(onEdit).toHaveBeenCalledWith(${e});`,
    '  });',
    '});',
  ]);
}

/** Replaces one feature's names by another's, the way a copied component is adapted. */
function renameFrom(text, from, to) {
  return text
    .split(from.E)
    .join(to.E)
    .split(from.Es)
    .join(to.Es)
    .split(from.es)
    .join(to.es)
    .split(from.e)
    .join(to.e)
    .split(from.human)
    .join(to.human);
}

/**
 * The files of one feature: path (relative to the feature directory) -> text. `donor` is an earlier
 * feature whose card and form this one copied and renamed (a near-duplicate), or null.
 */
export function featureFiles(spec, donor) {
  const p = featurePlan(spec);
  const { E, Es, r } = p;
  const files = new Map();
  const has = {
    Details: r.chance(0.75),
    Summary: p.fields.some((f) => f.kind === 'money' || f.kind === 'number') && r.chance(0.45),
    Table: r.chance(0.45),
    Selection: r.chance(0.5),
  };
  const snippets = SNIPPETS.filter((sn) => r.chance(sn.rate));
  files.set('types.ts', typesFile(p));
  files.set('api.ts', apiFile(p));
  if (r.chance(0.06)) files.set('service.ts', serviceFile(p));
  files.set(`hooks/use${Es}.ts`, hooksFile(p, has));
  const components = [cardComponent(p), listComponent(p, has), formComponent(p)];
  if (has.Table) components.push(tableComponent(p));
  if (has.Details) components.push(detailsComponent(p));
  if (has.Summary) components.push(summaryComponent(p));
  if (r.chance(0.45)) components.push(workspaceComponent(p));
  let buttonName = null;
  if (r.chance(0.1)) {
    const b = ownButtonComponent(p);
    buttonName = b.name;
    components.push(b);
  }
  if (donor) {
    // copied from another feature and renamed: a near-duplicate component
    const dp = featurePlan(donor);
    const card = featureFiles(donor, null).get(`components/${dp.E}Card.tsx`);
    if (card) components.push({ name: `${E}CompactCard`, text: renameFrom(card, dp, p).split(`${E}Card`).join(`${E}CompactCard`) });
  }
  for (const c of components) {
    files.set(`components/${c.name}.tsx`, c.text);
    if (c.styler && p.styling === 'module' && c.styler.classes.length) files.set(`components/${c.name}.module.css`, c.styler.css());
  }
  if (r.chance(0.05)) {
    // a wrapper component that only passes its props on
    files.set(
      `components/${E}Panel.tsx`,
      join([
        `import { ${E}Card } from './${E}Card';`,
        `import type { ${E}CardProps } from './${E}Card';`,
        '',
        `export function ${E}Panel(props: ${E}CardProps) {`,
        `  return <${E}Card {...props} />;`,
        '}',
      ]),
    );
  }
  files.set('utils.ts', utilsFile(p, snippets));
  if (r.chance(0.7)) files.set('rules.ts', rulesFile(p));
  files.set(`${Es}Page.tsx`, pageComponent(p, has, buttonName));
  files.set('__tests__/utils.test.ts', testFile(p));
  if (r.chance(0.6)) files.set(`__tests__/${E}Card.test.tsx`, componentTest(p));
  files.set(
    'index.ts',
    join([
      `export { ${Es}Page } from './${Es}Page';`,
      "export * from './api';",
      `export type { ${E}, ${E}Filters, ${E}Input } from './types';`,
    ]),
  );
  return files;
}

/** A small change a developer makes to a file in a given week (appended, so the file stays valid). */
export function editChunk(path, week) {
  const r = rng(`edit:${path}:${week}`);
  if (path.endsWith('.css')) {
    return `\n.added${week} {\n  margin-top: ${r.pick(['var(--spacing-md)', '12px', '8px'])};\n  color: ${r.pick(['var(--color-text-muted)', '#6b7280'])};\n}\n`;
  }
  const n = `${r.pick(['compute', 'derive', 'normalize', 'score', 'rank'])}${pascal(r.pick(['value', 'total', 'weight', 'ratio', 'delta']))}W${week}`;
  const k = r.int(2, 97);
  switch (r.int(0, 2)) {
    case 0:
      return `\nexport function ${n}(values: readonly number[]): number {\n  const kept = values.filter((v) => v > ${k});\n  return kept.length === 0 ? 0 : kept.reduce((a, b) => a + b, 0) / kept.length;\n}\n`;
    case 1:
      return `\nexport const ${n} = (input: string): string =>\n  input\n    .trim()\n    .split(/\\s+/)\n    .slice(0, ${k})\n    .join(' ');\n`;
    default:
      return `\nexport function ${n}(a: number, b: number): number {\n  if (b === 0) return 0;\n  return Math.round(((a - b) / b) * ${k * 10}) / 10;\n}\n`;
  }
}
