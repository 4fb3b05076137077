import { isCompanionOfConvention, libraryDriftMeta } from '@plumbline/core';
import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import type { DraftFinding } from '../detector.js';
import { cite, driftDetector, findingAt, pct, plural } from './shared/drift.js';
import type { RoleJudgement } from './shared/drift.js';

/** the rule's metadata, in core: the ESLint rule of the same id shares it */
export const meta: RuleMeta = libraryDriftMeta;

/** Findings of one role: each file using a choice other than the convention (or a declared decision). */
function roleFindings(j: RoleJudgement): DraftFinding[] {
  const { role, sorted, total, convention, decision, decidedInstead, pathMatches } = j;
  if (!convention) return [];
  const findings: DraftFinding[] = [];
  const exemptFiles = new Set(convention.defFiles);
  for (const c of sorted) {
    if (c === convention) continue;
    // wrapper consumers use a project module; they are drift only when a decision names that wrapper
    if (c.kind === 'wrapper' && !(decision && decidedInstead.some((v) => v?.kind === 'path' && pathMatches(c, v.path)))) continue;
    if (c.kind === 'library' && isCompanionOfConvention(role, c.choice, convention)) continue;
    const migrating =
      decision &&
      decidedInstead.some(
        (v) => (v?.kind === 'choice' && v.choice === c.choice) || (v?.kind === 'path' && c.kind === 'wrapper' && pathMatches(c, v.path)),
      );
    const examples = [...convention.files.entries()].slice(0, 3);
    for (const [file, s] of c.files) {
      if (exemptFiles.has(file) || j.leftAlone(c, file)) continue;
      const others = [...c.files.keys()].filter((p) => p !== file);
      const related: RelatedLocation[] = [];
      if (convention.definedIn)
        related.push({
          file: convention.definedIn.file,
          line: convention.definedIn.line,
          message: `${convention.label}: the ${role.title} to use`,
        });
      for (const [p, e] of examples) related.push({ file: p, line: e.line, message: `uses ${convention.label}` });
      for (const p of others.slice(0, 3)) related.push({ file: p, line: c.files.get(p)!.line, message: `also uses ${c.label}` });
      let message: string;
      if (decision) {
        message = migrating
          ? `${c.label} (${role.title}) is being replaced by ${convention.label} per ${cite(decision)}; ${plural(c.files.size, 'file')} still use${c.files.size === 1 ? 's' : ''} it, ${convention.files.size} use${convention.files.size === 1 ? 's' : ''} ${convention.label}.`
          : `${c.label} (${role.title}) departs from decision ${cite(decision)}: use ${convention.label}. ${c.label} is in ${plural(c.files.size, 'file')}.`;
      } else {
        message = `${c.label} (${role.title}) in ${plural(c.files.size, 'file')}; this codebase uses ${convention.label} in ${convention.files.size} files (${pct(convention.files.size / total)}).`;
      }
      findings.push(findingAt(meta.id, file, s, message, `${role.id} ${c.choice} ${s.code}`, related));
    }
  }
  return findings;
}

/**
 * `library-drift` over the whole project: a library choice of a role (HTTP client, date library, ...)
 * other than the convention that chooseConvention (core) finds from every file's usages and the declared
 * decisions. The ESLint rule of the same id reports the same as you type, from the scan's cached counts.
 */
export const detector = driftDetector(meta, (a) => a.roles.flatMap(roleFindings));
