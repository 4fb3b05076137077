import { rawElementKey } from '@plumbline/core';
import type { ComponentUse, DesignSystemUsage, LocalVariant } from '../conventions/design-system.js';
import { ToolError } from './errors.js';
import { componentProps } from './props.js';
import type { PropInfo } from './props.js';

export interface FindComponentResult {
  query: string;
  found: boolean;
  /** how the query was matched: a raw element, the component itself, a local variant of it, or its name */
  match?: 'element' | 'component' | 'local-variant' | 'name';
  component?: {
    name: string;
    importFrom: string;
    import: string;
    element: string | null;
    declaredIn?: { file: string; line: number };
    props: PropInfo[] | null;
    extends: string[];
    usage: { instances: number; files: number };
  };
  localVariantsToAvoid: LocalVariant[];
  /** what to do, in one sentence */
  advice: string;
  /** the design system's components, when nothing matched */
  available?: string[];
}

/** The tag a query names: `<button type="submit">` -> button + submit; `Button`, `UI.Button`, `button`. */
function parseQuery(query: string): { tag: string; type: string | null } {
  const jsx = /<\s*([A-Za-z][\w.:-]*)/.exec(query);
  const tag = jsx
    ? jsx[1]!
    : (query
        .replace(/[<>/{}]/g, ' ')
        .trim()
        .split(/\s+/)[0] ?? '');
  const type = jsx ? (/\btype\s*=\s*["'{]\s*["']?([\w-]+)/.exec(query)?.[1] ?? null) : null;
  return { tag, type };
}

const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/Btn$/, 'Button'],
  [/Dlg$/, 'Dialog'],
  [/Txt$/, 'Text'],
  [/Img$/, 'Image'],
];

function importLine(name: string, from: string): string {
  return `import { ${name} } from '${from}';`;
}

function answer(
  root: string,
  usage: DesignSystemUsage,
  u: ComponentUse,
  query: string,
  match: FindComponentResult['match'],
): FindComponentResult {
  const c = u.component;
  const props = u.declaredIn ? componentProps(root, u.declaredIn.file, c.name) : null;
  const variants = u.localVariants;
  const via = match === 'element' ? ` instead of the raw element` : match === 'local-variant' ? ` instead of the local ${query}` : '';
  return {
    query,
    found: true,
    match,
    component: {
      name: c.name,
      importFrom: u.importAs,
      import: importLine(c.name, u.importAs),
      element: c.element,
      ...(u.declaredIn ? { declaredIn: u.declaredIn } : {}),
      props: props?.props ?? null,
      extends: props?.extends ?? [],
      usage: { instances: u.instances, files: u.files },
    },
    localVariantsToAvoid: variants,
    advice:
      `Use <${c.name}> from '${u.importAs}'${via}` +
      (variants.length ? `; do not copy or extend ${variants.map((v) => `${v.name} (${v.file})`).join(', ')}.` : '.') +
      (usage.ds.source === 'inferred' ? ' (The design system was inferred from what the code imports.)' : ''),
  };
}

/** `find_component`: an element name, a component name or a JSX snippet -> the design-system component to use. */
export function findComponent(root: string, usage: DesignSystemUsage | null, query: string): FindComponentResult {
  if (typeof query !== 'string' || !query.trim())
    throw new ToolError('bad-input', 'query must name an element, a component or hold a JSX snippet');
  if (!usage)
    throw new ToolError(
      'no-design-system',
      'no design system was found in this repository (configure designSystem in plumbline.config.json)',
    );
  const { tag, type } = parseQuery(query.slice(0, 2000));
  const byName = new Map(usage.components.map((u) => [u.component.name, u]));
  if (/^[a-z][a-z0-9-]*$/.test(tag)) {
    const entry = usage.ds.elements[rawElementKey(tag, type)];
    const u = entry
      ? usage.components.find((x) => x.component.name === entry.component && x.component.importFrom === entry.importFrom)
      : undefined;
    if (u) return answer(root, usage, u, tag, 'element');
  } else if (tag) {
    const name = tag.split('.').pop()!;
    const own = byName.get(name);
    if (own) return answer(root, usage, own, name, 'component');
    const shadowed = usage.components.find((u) => u.localVariants.some((v) => v.name === name));
    if (shadowed) return answer(root, usage, shadowed, name, 'local-variant');
    const expanded = ABBREVIATIONS.reduce((n, [re, full]) => n.replace(re, full), name);
    const suffix = [...usage.components]
      .filter((u) => expanded.endsWith(u.component.name) && u.component.name.length >= 3)
      .sort((a, b) => b.component.name.length - a.component.name.length)[0];
    if (suffix) return answer(root, usage, suffix, name, 'name');
  }
  return {
    query,
    found: false,
    localVariantsToAvoid: [],
    advice: `The design system has no component for ${tag ? `\`${tag}\`` : 'this'}; check the available components before writing one.`,
    available: usage.components.map((u) => u.component.name).sort(),
  };
}
