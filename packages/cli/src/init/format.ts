import type { InitReport } from './infer.js';

/** `plumbline init`'s report as a person reads it (pure). */
export function formatInitReport(r: InitReport): string {
  const lines: string[] = [r.summary, ''];
  const ds = r.designSystem;
  lines.push(`Design system (${ds.source}${ds.adoption === null ? '' : `, adoption ${(ds.adoption * 100).toFixed(1)}%`})`);
  if (ds.systems.length === 0) lines.push('  none found: set designSystem.packages or designSystem.paths in plumbline.config.json');
  ds.systems.forEach((s, i) => {
    const role = i === 0 ? 'the system' : s.importers > 0 ? 'also imported (a migration?)' : 'found, not imported';
    lines.push(`  ${s.name}  [${s.kind}: ${s.via}]  ${s.importers} importing files, ${role}`);
    if (s.components.length) lines.push(`    ${s.components.map((c) => `${c.name} ${c.importers}`).join(', ')}`);
  });
  const elements = Object.entries(ds.elements);
  if (elements.length) lines.push(`  raw elements -> ${elements.map(([el, c]) => `<${el}> ${c}`).join('; ')}`);
  for (const m of ds.migrations)
    lines.push(`  migration: ${m.component} from ${m.from} (${m.fromImporters} files) and ${m.to} (${m.toImporters} files)`);
  lines.push('', `Tokens: ${r.tokens.total}${r.tokens.tailwind ? ` (Tailwind ${r.tokens.tailwind})` : ''}`);
  for (const t of r.tokens.sources.slice(0, 12)) lines.push(`  ${t.file}  ${t.tokens}`);
  if (r.tokens.sources.length > 12) lines.push(`  ... and ${r.tokens.sources.length - 12} more files`);
  lines.push('', 'Conventions (library per role)');
  if (r.conventions.length === 0) lines.push('  none dominates');
  for (const c of r.conventions) lines.push(`  ${c.title}: ${c.choice} (${c.files} files, ${(c.share * 100).toFixed(0)}%)`);
  lines.push('', 'Not product code (quieter rules there)');
  for (const g of r.testFiles) lines.push(`  test: ${g.glob}  ${g.files} files`);
  for (const g of r.storyFiles) lines.push(`  story: ${g.glob}  ${g.files} files`);
  for (const g of r.generated.slice(0, 8)) lines.push(`  generated (skipped): ${g.dir}/  ${g.files} files`);
  return `${lines.join('\n')}\n`;
}
