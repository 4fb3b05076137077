import { idiomDriftMeta, satelliteScope } from '@plumbline/core';
import type { RelatedLocation, RuleMeta } from '@plumbline/core';
import type { DraftFinding } from '../detector.js';
import { cite, driftDetector, findingAt, pct } from './shared/drift.js';
import type { IdiomJudgement } from './shared/drift.js';

export const meta: RuleMeta = idiomDriftMeta;

/** What each idiom counts, for messages. */
const IDIOM_UNITS: Record<string, string> = {
  'component-declaration': 'components',
  'component-export': 'component files',
  'async-style': 'asynchronous functions',
  'data-fetching': 'data loads',
  'error-handling': 'asynchronous error handlers',
};

/** Findings of one idiom: each site in a minority variant (or against a declared decision). */
function idiomFindings(j: IdiomJudgement, reportedChains: Set<string>): DraftFinding[] {
  const { idiom, sites, counts, total, convention, decision, labelOf } = j;
  if (!convention) return [];
  const findings: DraftFinding[] = [];
  const unit = IDIOM_UNITS[idiom.id] ?? 'sites';
  const convCount = counts.get(convention) ?? 0;
  for (const site of sites) {
    const { file, s } = site;
    if (s.variant === convention) continue;
    // a docs site, an example or a playground is an app of its own: the product's idioms are not its conventions
    if (!decision && satelliteScope(file)) continue;
    if (idiom.reported && !idiom.reported.includes(s.variant)) continue;
    if (!decision && j.followsLocalConvention(site)) continue;
    // a chain's `.then` and `.catch` are one site: reported once, as its async style
    if (s.chain !== undefined) {
      const key = `${file}\0${s.chain}`;
      if (reportedChains.has(key)) continue;
      reportedChains.add(key);
    }
    const examples = sites.filter((x) => x.s.variant === convention).slice(0, 3);
    const related: RelatedLocation[] = examples.map((x) => ({ file: x.file, line: x.s.line, message: `${labelOf(convention)}` }));
    const here = s.count > 1 ? ` (${s.count} in this file)` : '';
    const message = decision
      ? `${idiom.title}: ${labelOf(s.variant)}${here} departs from decision ${cite(decision)}: use ${labelOf(convention)}.`
      : `${idiom.title}: ${labelOf(s.variant)}${here}; this codebase uses ${labelOf(convention)} for ${pct(convCount / total)} of its ${total} ${unit}.`;
    findings.push(findingAt(meta.id, file, s, message, `${idiom.id} ${site.extractedAs ?? s.variant} ${s.code}`, related));
  }
  return findings;
}

/** `idiom-drift`: code in the minority idiom of the codebase (counted in sites across the project). */
export const detector = driftDetector(meta, (a) => {
  const reportedChains = new Set<string>();
  // async style first, so that a chain reported there is not reported again as error handling
  const idioms = [...a.idioms].sort((x, y) => Number(y.idiom.id === 'async-style') - Number(x.idiom.id === 'async-style'));
  return idioms.flatMap((j) => idiomFindings(j, reportedChains));
});
