import type { DecisionConfig } from '../config.js';
import type { RoleDefinition } from './catalog.js';
import { areCompanions, resolveDecisionValue } from './match.js';
import type { LibraryDriftOptions } from './rules.js';

/** What a surface knows of one choice of a role: the analyzer counts it, the editor reads the scan's cache. */
export interface ChoiceTally {
  /** a catalog choice id (`axios`), or a wrapper's project path (`src/api/client`) */
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** files that use it */
  files: number;
  /** where a wrapper is defined */
  definedIn?: { file: string };
}

export type DecisionValue = NonNullable<ReturnType<typeof resolveDecisionValue>>;

/** The convention of a role, as `chooseConvention` finds it. */
export interface ConventionPick<C extends ChoiceTally> {
  /** the choice among the tallied ones; undefined when a decision names one nobody uses yet */
  found?: C;
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** the declared decision it comes from, if any */
  decision?: DecisionConfig;
  /** what the decision's `instead` names (the choices it replaces) */
  instead: DecisionValue[];
}

/**
 * Whether a wrapper choice is the project path `path` a decision names: the path itself, a file under it,
 * or (with `packageNameOf`) a file of the workspace package of that name.
 */
export function wrapperMatchesPath(
  c: Pick<ChoiceTally, 'choice' | 'definedIn'>,
  path: string,
  packageNameOf?: (file: string) => string | undefined,
): boolean {
  return c.choice === path || c.choice.startsWith(`${path}/`) || (!!c.definedIn && packageNameOf?.(c.definedIn.file) === path);
}

/**
 * The convention of a role, for both surfaces (the analyzer's `library-drift` detector over every file's
 * facts, and the ESLint rule over the conventions the last scan cached): a declared decision for the role
 * outranks the inferred majority; without one, the dominant choice is the convention when it has
 * `minFiles` files, `majority` of the files using the role, and strictly more files than the next.
 * An advisory role has a convention only by decision.
 *
 * `choices`: the role's choices in the surface's order (a decision takes the first that matches);
 * `share`: a choice's files / the files using the role.
 */
export function chooseConvention<C extends ChoiceTally>(input: {
  role: RoleDefinition;
  choices: readonly C[];
  share: (c: C) => number;
  decisions: readonly DecisionConfig[];
  options: Pick<LibraryDriftOptions, 'majority' | 'minFiles'>;
  packageNameOf?: (file: string) => string | undefined;
}): ConventionPick<C> | undefined {
  const { role, choices, options } = input;
  const decision = input.decisions.find((d) => d.role === role.id);
  const decided = decision ? resolveDecisionValue(role.id, decision.use) : undefined;
  if (decision && decided) {
    const instead = (decision.instead ?? []).flatMap((v) => resolveDecisionValue(role.id, v) ?? []);
    if (decided.kind === 'choice') {
      const found = choices.find((c) => c.kind === 'library' && c.choice === decided.choice);
      const label = found?.label ?? role.choices.find((c) => c.id === decided.choice)!.label;
      return { ...(found ? { found } : {}), choice: decided.choice, label, kind: 'library', decision, instead };
    }
    const found = choices.find((c) => c.kind === 'wrapper' && wrapperMatchesPath(c, decided.path, input.packageNameOf));
    return {
      ...(found ? { found } : {}),
      choice: found?.choice ?? decided.path,
      label: found?.label ?? decided.path,
      kind: 'wrapper',
      decision,
      instead,
    };
  }
  if (role.advisory) return undefined;
  const [top, second] = [...choices].sort((a, b) => b.files - a.files || (a.choice < b.choice ? -1 : 1));
  if (!top || top.files < options.minFiles || input.share(top) < options.majority || (second && second.files >= top.files))
    return undefined;
  return { found: top, choice: top.choice, label: top.label, kind: top.kind, instead: [] };
}

/**
 * Whether a library choice is used with the convention by design rather than against it: a companion
 * of the convention's library (tRPC beside React Query), or of the library a wrapper convention is built
 * on (`underlying`, when known).
 */
export function isCompanionOfConvention(
  role: RoleDefinition,
  choice: string,
  convention: { kind: 'library' | 'wrapper'; choice: string; underlying?: string },
): boolean {
  const base = convention.kind === 'wrapper' ? convention.underlying : convention.choice;
  return !!base && base !== choice && areCompanions(role, choice, base);
}
