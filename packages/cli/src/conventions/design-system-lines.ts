import { isPublicEntry } from '@plumbline/core';
import type { Analysis } from './analysis.js';
import type { ComponentUse, DesignSystemUsage } from './design-system.js';
import { designSystemUsage } from './design-system.js';
import { code, listOf, orList, plural } from './lines.js';
import type { ConventionLine } from './lines.js';

/** `button` -> raw `<button>`; `button[icon]` -> icon-only `<button>`; `h1`..`h6` together -> raw `<h1>`-`<h6>`. */
export function elementPhrase(elements: readonly string[]): string {
  const plain = elements.filter((e) => !e.includes('['));
  const headings = plain.filter((e) => /^h[1-6]$/.test(e));
  const tags: string[] = [];
  if (headings.length >= 3) tags.push(`\`<h1>\`-\`<h6>\``);
  else tags.push(...headings.map((h) => `\`<${h}>\``));
  tags.push(...plain.filter((e) => !/^h[1-6]$/.test(e)).map((e) => `\`<${e}>\``));
  const parts = tags.length ? [`raw ${listOf(tags)}`] : [];
  for (const e of elements.filter((x) => x.includes('['))) {
    const m = /^(\w+)\[(.+)\]$/.exec(e);
    if (m?.[2] === 'icon') parts.push(`icon-only \`<${m[1]}>\``);
    else if (m?.[2]?.startsWith('type=')) parts.push(`\`<${m[1]} ${m[2]}>\``);
  }
  return orList(parts);
}

function dsLocation(usage: DesignSystemUsage): string {
  const pkgs = usage.ds.packages.map((p) => p.name);
  return pkgs.length ? listOf(pkgs.map(code)) : listOf(usage.ds.paths.map(code));
}

/** Local re-implementations named in a line only from this many on. */
const MIN_VARIANTS = 2;
/** Instances a design-system package's other components need together before they get a line. */
const MIN_OTHER_INSTANCES = 10;

function componentLine(u: ComponentUse, raw: number): ConventionLine {
  const name = u.component.name;
  // a lone re-implementation is weak evidence (a menu row drawn as a <button>); two or more are a pattern to stop
  const variants = u.localVariants.length >= MIN_VARIANTS ? u.localVariants.map((v) => `${code(v.name)} (${code(v.file)})`) : [];
  const text =
    `Use ${code(name)} from ${code(u.importAs)} instead of ${elementPhrase(u.replaces)}` +
    (variants.length ? `; do not copy or extend its local re-implementations ${listOf(variants, 6)}.` : '.');
  const fact = [
    `${name} is a component of the design system (${u.component.importFrom}${u.declaredIn ? `, declared at ${u.declaredIn.file}:${u.declaredIn.line}` : ''}) wrapping ${u.replaces.map((e) => `<${e}>`).join(', ')}`,
    `${plural(u.instances, 'JSX instance')} in ${plural(u.files, 'file')} outside the design system, most imported as "${u.importAs}"`,
    `${plural(raw, 'raw element instance')} it replaces`,
    ...(u.localVariants.length
      ? [`design-system-shadow: ${u.localVariants.map((v) => `${v.name} (${v.file}:${v.line})`).join(', ')} re-implement it`]
      : []),
  ].join('; ');
  return { section: 'design-system', key: `design-system:${name}`, text, weight: u.instances + raw + 5 * u.localVariants.length, fact };
}

/** The root a component's import belongs to: its design-system package, else the directory of its module (`@/components/ui`). */
function importRoot(usage: DesignSystemUsage, spec: string): string {
  const pkg = usage.ds.packages.find((p) => spec === p.name || spec.startsWith(`${p.name}/`));
  return pkg ? pkg.name : spec.includes('/') ? spec.slice(0, spec.lastIndexOf('/')) : spec;
}

/**
 * One line per design-system root (package or directory) for the components used that replace no raw
 * element: the components by name when they come from the root itself, else the most used modules with
 * their most used components.
 */
function otherComponentLines(usage: DesignSystemUsage, others: readonly ComponentUse[]): ConventionLine[] {
  const byRoot = new Map<string, Map<string, ComponentUse[]>>();
  for (const u of others) {
    const root = importRoot(usage, u.importAs);
    const modules = byRoot.get(root) ?? byRoot.set(root, new Map()).get(root)!;
    modules.set(u.importAs, [...(modules.get(u.importAs) ?? []), u]);
  }
  const instances = (list: readonly ComponentUse[]) => list.reduce((n, u) => n + u.instances, 0);
  const lines: ConventionLine[] = [];
  for (const [root, modules] of [...byRoot].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (instances([...modules.values()].flat()) < MIN_OTHER_INSTANCES) continue;
    const ranked = [...modules].sort((a, b) => instances(b[1]) - instances(a[1]) || (a[0] < b[0] ? -1 : 1));
    const all = ranked.flatMap(([, list]) => list);
    const names = (list: readonly ComponentUse[], max: number) =>
      listOf(
        list.map((u) => code(u.component.name)),
        max,
      );
    const text =
      ranked.length === 1 && ranked[0]![0] === root
        ? `Before writing a component, use the design system's own: ${names(all, 12)} from ${code(root)}.`
        : `Before writing a component, use the design system's own modules of ${code(root)}: ${listOf(
            ranked.map(([spec, list]) => `${code(spec.slice(root.length + 1) || spec)} (${names(list, 3)})`),
            8,
          )}.`;
    lines.push({
      section: 'design-system',
      key: `design-system:others:${root}`,
      text,
      weight: instances(all),
      fact: all
        .slice(0, 30)
        .map((u) => `${u.component.name} (${u.importAs}): ${plural(u.instances, 'instance')} in ${plural(u.files, 'file')}`)
        .join('; '),
    });
  }
  return lines;
}

/** Lines of the design system: the component per raw element and its local variants, the other components, the public entries. */
export function designSystemLines(analysis: Analysis): ConventionLine[] {
  const usage = designSystemUsage(analysis);
  if (!usage) return [];
  const adoption = analysis.result.metrics['design-system-adoption'] as
    { topRaw?: Array<{ element: string; component: string; instances: number }> } | undefined;
  const rawOf = (name: string) => (adoption?.topRaw ?? []).filter((r) => r.component === name).reduce((n, r) => n + r.instances, 0);
  const lines: ConventionLine[] = [];
  const others: ComponentUse[] = [];
  for (const u of usage.components) {
    const raw = rawOf(u.component.name);
    // a component that replaces a raw element, when the code uses it or re-implements it,
    // only where the code mostly follows it: used at least as often as the raw element is written
    if (u.replaces.length && ((u.instances > 0 && u.instances >= raw) || u.localVariants.length >= MIN_VARIANTS))
      lines.push(componentLine(u, raw));
    else if (u.instances > 0) others.push(u);
  }
  lines.push(...otherComponentLines(usage, others));
  for (const pkg of usage.ds.packages) {
    // an in-repository package with an exports map: its files are not public entries
    if (!pkg.dir || !pkg.entryPoints || isPublicEntry(pkg, 'src/x')) continue;
    lines.push({
      section: 'design-system',
      key: `design-system:entry:${pkg.name}`,
      text: `Import ${code(pkg.name)} from its entry points only (${listOf(
        pkg.entryPoints.map((e) => code(e === '.' ? pkg.name : `${pkg.name}/${e.replace(/^\.\//, '')}`)),
      )}), never from its files.`,
      // a rule about every import of the package: ranked below the components themselves
      weight: Math.round(usage.components.reduce((n, u) => n + (u.component.importFrom === pkg.name ? u.instances : 0), 0) / 4),
      fact: `${pkg.dir}/package.json "exports": ${pkg.entryPoints.join(', ')}`,
    });
  }
  if (lines.length && usage.ds.source === 'inferred')
    for (const l of lines) l.fact += `; the design system (${dsLocation(usage)}) was inferred from the repository`;
  return lines;
}
