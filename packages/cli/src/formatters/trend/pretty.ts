import { formatMinutes } from '../minutes.js';
import { terminalLine } from '../text-safety.js';
import type { TrendReport, TrendStats } from '../../trend/index.js';
import { ratingText } from '../../trend/rating.js';
import { headline, periodWord } from './headline.js';

/** The terminal view of a trend run: one row per snapshot, the headline, the top attribution, what was computed. */
export function formatTrendPretty(report: TrendReport, stats: TrendStats, storePath: string | null): string {
  const word = periodWord(report);
  const lines = [
    `${(word === 'period' ? 'snapshot' : `${word} of`).padEnd(20)} ${'commit'.padEnd(8)} ${'debt'.padStart(9)} rating ${'ratio'.padStart(7)} ${'dup.'.padStart(6)} ${'new'.padStart(5)} ${'fixed'.padStart(5)} ${'findings'.padStart(8)}`,
  ];
  for (const p of report.points) {
    lines.push(
      `${p.label.padEnd(20)} ${p.commit.slice(0, 7).padEnd(8)} ${formatMinutes(p.debtMinutes).padStart(9)} ${ratingText(p).padStart(6)} ${`${(p.debtRatio * 100).toFixed(2)}%`.padStart(7)} ${(p.duplicatedLinesRatio === null ? '' : `${(p.duplicatedLinesRatio * 100).toFixed(1)}%`).padStart(6)} ${String(p.change?.newFindings ?? '').padStart(5)} ${String(p.change?.fixedFindings ?? '').padStart(5)} ${String(p.findings).padStart(8)}`,
    );
  }
  lines.push('', ...headline(report));
  const at = report.attribution;
  const topDir = at.directories.find((d) => d.newDebtMinutes > 0);
  const topOwner = at.owners.find((d) => d.newDebtMinutes > 0);
  if (topDir)
    lines.push(
      `Most new debt (${report.scope.label}): directory ${topDir.name} (${formatMinutes(topDir.newDebtMinutes)})${topOwner ? `, owner ${topOwner.name} (${formatMinutes(topOwner.newDebtMinutes)})` : ''}.`,
    );
  lines.push(
    '',
    `${stats.snapshots} snapshots (${stats.snapshotsComputed} computed, ${stats.snapshotsStored} from the history store), ${stats.intervals} periods compared (${stats.intervalsComputed} computed, ${stats.intervalsStored} stored), ${stats.filesParsed} files parsed${stats.snapshotsInWorker ? `, ${stats.snapshotsInWorker} snapshots analysed by a second thread` : ''}; history in ${storePath ?? 'memory only'}.`,
    'Run `plumbline report --format html` for charts and the attribution tables.',
  );
  // each line made safe on its own: a directory or owner name cannot break a line or start one
  return `${lines.map(terminalLine).join('\n')}\n`;
}
