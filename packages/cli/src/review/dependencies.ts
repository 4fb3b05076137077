// New dependencies that drift: a package a change adds to a package.json for a role the repository has
// already decided (dayjs where date-fns is the convention, a second HTTP client or state manager, a UI kit
// beside the design system) is a finding at the manifest's line, before any code imports it.
import { fingerprint, isCompanionOfConvention, libraryDriftMeta, matchImport, roleById } from '@plumbline/core';
import type { DesignSystemSettings, Finding, ResolvedConfig, RoleConventions, Severity } from '@plumbline/core';

/** The sections of a package.json that name dependencies. */
const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Component kits that bring their own look: a second one beside a design system is a second design
 * system. Headless libraries (Radix primitives, React Aria, Headless UI) are building blocks and not here.
 */
export const UI_KITS: readonly string[] = [
  '@mui/material',
  '@mui/joy',
  '@material-ui/core',
  'antd',
  '@chakra-ui/react',
  '@mantine/core',
  'react-bootstrap',
  'reactstrap',
  'semantic-ui-react',
  '@blueprintjs/core',
  'primereact',
  '@nextui-org/react',
  '@heroui/react',
  '@fluentui/react',
  '@fluentui/react-components',
  'evergreen-ui',
  'grommet',
  'rsuite',
  '@arco-design/web-react',
  '@douyinfe/semi-ui',
  'react-native-paper',
  'native-base',
  '@rneui/themed',
  'react-native-elements',
  'tamagui',
  '@gluestack-ui/themed',
  'flowbite-react',
  '@radix-ui/themes',
  '@shopify/polaris',
  '@carbon/react',
  '@patternfly/react-core',
  'baseui',
];

export interface Manifest {
  /** path at the head, relative to the root */
  path: string;
  /** the head's text */
  head: string;
  /** the base's text, or null for a manifest the change creates */
  base: string | null;
}

export interface DependencyContext {
  config: ResolvedConfig;
  /** the repository's measured (or declared) conventions per role, from the base; asked only when needed */
  conventions: () => Record<string, RoleConventions> | null;
  /** the design system, asked only when a UI kit is added */
  designSystem: () => DesignSystemSettings | null;
  /** whether a package is already a dependency somewhere in the base's manifests */
  dependedOnAtBase: (pkg: string) => boolean;
  /** a manifest that cannot be read: an entry in the run's errors */
  onError: (file: string, message: string) => void;
}

type Deps = Map<string, (typeof SECTIONS)[number]>;

function dependenciesOf(text: string): Deps | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message}): its new dependencies were not checked`;
  }
  const deps: Deps = new Map();
  if (typeof data !== 'object' || data === null) return deps;
  for (const s of SECTIONS) {
    const section = (data as Record<string, unknown>)[s];
    if (section && typeof section === 'object') for (const name of Object.keys(section)) if (!deps.has(name)) deps.set(name, s);
  }
  return deps;
}

/** Line and columns (1-based) of `"name":` inside the manifest's `section`. */
function keyPosition(text: string, section: string, name: string): { line: number; column: number; endColumn: number } {
  const sectionAt = text.search(new RegExp(`"${section}"\\s*:`));
  const quoted = JSON.stringify(name);
  let at = text.indexOf(`${quoted}`, Math.max(0, sectionAt));
  while (at >= 0 && !/^\s*:/.test(text.slice(at + quoted.length, at + quoted.length + 20))) at = text.indexOf(quoted, at + 1);
  if (at < 0) return { line: 1, column: 1, endColumn: 1 };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { line, column, endColumn: column + quoted.length };
}

interface Drift {
  message: string;
  code: string;
  related: Finding['related'];
}

/** Whether adding `pkg` chooses, for a decided role, another choice than the repository's. */
function roleDrift(pkg: string, ctx: DependencyContext): Drift | null {
  const refs = matchImport(pkg, ['*', 'default']);
  if (refs.length === 0) return null;
  const conventions = ctx.conventions();
  if (!conventions) return null;
  for (const ref of refs) {
    const role = roleById(ref.role);
    const c = conventions[ref.role];
    if (!role || role.advisory || !c?.convention) continue;
    const conv = c.convention;
    if (conv.kind === 'library' && (conv.choice === ref.choice || isCompanionOfConvention(role, ref.choice, conv))) continue;
    // a wrapper convention is built on some library: adding one the repository already uses (or its companion) may be that one
    const used = (x: RoleConventions['choices'][number]) =>
      x.kind === 'library' && x.files > 0 && (x.choice === ref.choice || isCompanionOfConvention(role, ref.choice, x));
    if (conv.kind === 'wrapper' && c.choices.some(used)) continue;
    const label = role.choices.find((x) => x.id === ref.choice)?.label ?? ref.choice;
    const total = c.choices.reduce((n, x) => n + x.files, 0);
    const why = c.decision
      ? `decision ${c.decision.id}${c.decision.link ? ` (${c.decision.link})` : ''}`
      : `used by ${conv.files} of the ${total} files in this role`;
    return {
      message: `${pkg} is added for the ${role.title} role${label === pkg ? '' : ` (${label})`}, where the repository has decided on ${conv.label} (${why}). Use ${conv.label}, or record the change of convention as a decision.`,
      code: `role:${role.id}:${ref.choice}`,
      related: conv.definedIn
        ? [{ file: conv.definedIn.file, line: conv.definedIn.line, message: `the ${role.title} to use: ${conv.label}` }]
        : [],
    };
  }
  return null;
}

/** Whether `pkg` is a second UI kit beside the design system. */
function kitDrift(pkg: string, ctx: DependencyContext): Drift | null {
  if (!UI_KITS.includes(pkg)) return null;
  const ds = ctx.designSystem();
  if (!ds || ds.packages.some((p) => p.name === pkg) || ctx.dependedOnAtBase(pkg)) return null;
  const what = ds.packages.length ? ds.packages.map((p) => p.name).join(', ') : ds.paths.join(', ');
  return {
    message: `${pkg} is a UI kit added beside the design system (${what}): its components would be a second look. Use the design system's components, or record the change as a decision.`,
    code: `ui-kit:${pkg}`,
    related: [],
  };
}

/**
 * The findings of the dependencies a change adds to its manifests (`library-drift`, at the line of the
 * dependency): one for each package that chooses, for a role the repository has decided, another choice,
 * or that brings a UI kit beside the design system. Off only when config sets `library-drift` to "off".
 */
export function dependencyFindings(manifests: readonly Manifest[], ctx: DependencyContext): Finding[] {
  const setting = ctx.config.rules[libraryDriftMeta.id];
  const level = Array.isArray(setting) ? setting[0] : setting;
  if (level === 'off') return [];
  const severity: Severity = level === 'error' ? 'error' : level === 'info' ? 'info' : 'warning';
  const effort = ctx.config.effort[libraryDriftMeta.id] ?? libraryDriftMeta.defaultEffortMinutes;
  const out: Finding[] = [];
  for (const m of manifests) {
    const head = dependenciesOf(m.head);
    if (typeof head === 'string') {
      ctx.onError(m.path, head);
      continue;
    }
    const base = m.base === null ? new Map() : dependenciesOf(m.base);
    const before = typeof base === 'string' ? new Map() : base;
    for (const [pkg, section] of head) {
      if (before.has(pkg) || pkg.startsWith('@types/')) continue;
      const drift = roleDrift(pkg, ctx) ?? kitDrift(pkg, ctx);
      if (!drift) continue;
      const at = keyPosition(m.head, section, pkg);
      out.push({
        ruleId: libraryDriftMeta.id,
        category: libraryDriftMeta.category,
        severity,
        message: drift.message,
        file: m.path,
        line: at.line,
        column: at.column,
        endLine: at.line,
        endColumn: at.endColumn,
        effortMinutes: effort,
        fingerprint: fingerprint(libraryDriftMeta.id, `dependency:${pkg}:${drift.code}`, `${section}.${pkg}`),
        related: drift.related,
      });
    }
  }
  return out;
}
