import { docsUrl } from '@plumbline/core';
import type { Finding, Severity } from '@plumbline/core';
import type { CheckOutcome } from '../../check.js';
import { describeViolation } from '../../gate.js';
import { formatMinutes } from '../minutes.js';
import { githubData, githubProperty } from '../text-safety.js';
import { reviewLines } from './review.js';

/**
 * `plumbline check --format github`: GitHub Actions workflow commands, one annotation per new finding
 * (shown on the pull request's diff), then the verdict. Only new findings are annotated: old debt is not
 * the change's doing.
 */

export interface GithubOptions {
  /** the root's path inside its repository (`git rev-parse --show-prefix`): annotations name repository paths */
  pathPrefix?: string;
}

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

function command(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${githubProperty(String(v))}`)
    .join(',');
  return `::${name}${p ? ` ${p}` : ''}::${githubData(message)}`;
}

function annotation(f: Finding, prefix: string): string {
  const endLine = Math.max(f.endLine, f.line);
  const sameLine = endLine === f.line;
  const related = f.related.length
    ? `\n${f.related
        .slice(0, 5)
        .map((r) => `also ${r.file}:${r.line}${r.message ? ` ${r.message}` : ''}`)
        .join('\n')}`
    : '';
  return command(
    COMMAND[f.severity],
    {
      file: `${prefix}${f.file}`,
      line: f.line,
      endLine,
      // GitHub reads the columns only for a single-line annotation
      col: sameLine ? f.column : undefined,
      endColumn: sameLine ? Math.max(f.endColumn, f.column) : undefined,
      title: `plumbline ${f.ruleId} (new, ${formatMinutes(f.effortMinutes)})`,
    },
    `${f.message}${related}\n${docsUrl(f.ruleId)}`,
  );
}

export function formatGithub(outcome: CheckOutcome, options: GithubOptions = {}): string {
  const prefix = options.pathPrefix ?? '';
  const lines = outcome.comparison.new.map((f) => annotation(f, prefix));
  for (const e of outcome.head.errors)
    lines.push(command('warning', { file: `${prefix}${e.file}`, title: 'plumbline could not analyse this file' }, e.message));
  const { verdict } = outcome;
  const review = outcome.review ? reviewLines(outcome.review) : null;
  if (review?.designReview) lines.push(command('warning', { title: 'plumbline: needs a design review, or split it' }, review.designReview));
  if (review?.focus.length)
    lines.push(
      command(
        'notice',
        { title: 'plumbline: read these first' },
        review.focus.map((f, i) => `${i + 1}. ${prefix}${f.file}:${f.line} ${f.text}`).join('\n'),
      ),
    );
  const summary = `${verdict.newFindings} new finding${verdict.newFindings === 1 ? '' : 's'} (${formatMinutes(verdict.newDebtMinutes)}), ${outcome.comparison.absent.length} fixed${review ? `\n${review.size}${review.rate ? `\n${review.rate}` : ''}` : ''}`;
  if (outcome.passed) lines.push(command('notice', { title: 'plumbline check passed' }, summary));
  else
    lines.push(
      command('error', { title: 'plumbline check failed' }, `${summary}\n${verdict.violations.map(describeViolation).join('\n')}`),
    );
  return `${lines.join('\n')}\n`;
}
