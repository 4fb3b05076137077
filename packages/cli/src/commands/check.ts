import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { check } from '../check.js';
import type { CheckOutcome } from '../check.js';
import { defineCommand, UsageError } from '../command.js';
import type { CommandIO } from '../command.js';
import { formatCheckJson } from '../formatters/check/json.js';
import { formatCheckPretty } from '../formatters/check/pretty.js';
import { formatGithub } from '../formatters/check/github.js';
import { formatCheckMarkdown as formatMarkdown } from '../formatters/check/markdown.js';
import { formatSarif } from '../formatters/check/sarif.js';
import { parseMaxChangedLines, parseThresholds } from '../gate.js';
import { git } from '../git/command.js';
import { progressReporter } from '../progress.js';
import { allRules } from '../rules-catalog.js';

export const CHECK_FORMATS = ['pretty', 'json', 'sarif', 'markdown', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

function asFormat(value: string, flag: string): CheckFormat {
  if (!(CHECK_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${CHECK_FORMATS.join(', ')}; got "${value}"`);
  return value as CheckFormat;
}

const list = (v: string | boolean | string[] | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

interface RenderContext {
  pathPrefix: string;
  srcRoot: string;
  sarifAbsent: boolean;
  color: boolean;
  fileUrl?: (file: string, line: number) => string;
}

function render(format: CheckFormat, outcome: CheckOutcome, ctx: RenderContext): string {
  switch (format) {
    case 'json':
      return formatCheckJson(outcome);
    case 'sarif':
      return formatSarif(outcome, { rules: allRules(), absent: ctx.sarifAbsent, pathPrefix: ctx.pathPrefix, srcRoot: ctx.srcRoot });
    case 'markdown':
      return formatMarkdown(outcome, ctx.fileUrl ? { fileUrl: ctx.fileUrl } : {});
    case 'github':
      return formatGithub(outcome, { pathPrefix: ctx.pathPrefix });
    default:
      return formatCheckPretty(outcome, { color: ctx.color });
  }
}

/** Links for the Markdown summary when it runs in GitHub Actions: the file at the analysed commit. */
function githubFileUrl(root: string, prefix: string, commit: string | null): ((file: string, line: number) => string) | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const repo = process.env.GITHUB_REPOSITORY;
  const sha = commit ?? git(root, ['rev-parse', 'HEAD'])?.trim();
  if (!server || !repo || !sha || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return undefined;
  return (file, line) => `${server}/${repo}/blob/${sha}/${`${prefix}${file}`.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

function write(io: CommandIO, file: string, text: string): void {
  const path = resolve(io.cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export const command = defineCommand({
  name: 'check',
  summary: 'Fail a change that adds findings or debt, against the merge-base of a ref or the committed baseline.',
  usage:
    'plumbline check [dir] [--base <ref> | --baseline <file>] [--format pretty|json|sarif|markdown|github] [--report format=file] [--max-new-findings n] [--max-new-debt minutes] [--max-changed-lines n]',
  maxPositionals: 1,
  flags: [
    {
      name: 'base',
      type: 'string',
      arg: 'ref',
      description: 'Judge the change against the merge-base of this ref and HEAD (e.g. origin/main), analysed from git objects.',
    },
    {
      name: 'baseline',
      type: 'string',
      arg: 'file',
      description: 'Judge against this baseline file (default <dir>/plumbline.baseline.json when --base is not given).',
    },
    { name: 'head', type: 'string', arg: 'ref', description: 'Analyse this commit instead of the working tree.' },
    {
      name: 'format',
      type: 'string',
      short: 'f',
      arg: 'format',
      description: 'Output format: pretty (default), json, sarif, markdown or github.',
    },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write the output to a file instead of stdout.' },
    {
      name: 'report',
      type: 'string',
      multiple: true,
      arg: 'format=file',
      description: 'Also write a report in another format to a file (repeatable), e.g. sarif=plumbline.sarif.',
    },
    {
      name: 'max-new-findings',
      type: 'string',
      multiple: true,
      arg: 'n|category=n',
      description: 'Fail when the change adds more findings (repeatable; per category with category=n). Default 0.',
    },
    {
      name: 'max-new-debt',
      type: 'string',
      multiple: true,
      arg: 'min|category=min',
      description: 'Fail when the new findings add more remediation minutes (repeatable; per category with category=min).',
    },
    {
      name: 'max-changed-lines',
      type: 'string',
      arg: 'n',
      description:
        'Fail when the change is larger: lines added and removed, without lock files, generated files, snapshots and pure moves (needs --base). Without it, a change over review.designReviewOverLines only gets the design-review line.',
    },
    {
      name: 'sarif-absent',
      type: 'boolean',
      description: 'SARIF: also list the findings the change removed, with baselineState "absent".',
    },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache.' },
  ],
  async run({ values, positionals }, io) {
    const format = asFormat((values.format as string | undefined) ?? 'pretty', '--format');
    const reports = list(values.report).map((r) => {
      const eq = r.indexOf('=');
      if (eq <= 0 || eq === r.length - 1) throw new UsageError(`--report expects <format>=<file>, e.g. sarif=plumbline.sarif; got "${r}"`);
      return { format: asFormat(r.slice(0, eq), '--report'), file: r.slice(eq + 1) };
    });
    let thresholds;
    try {
      thresholds = parseThresholds(list(values['max-new-findings']), list(values['max-new-debt']));
      const maxChangedLines = parseMaxChangedLines(values['max-changed-lines'] as string | undefined);
      if (maxChangedLines !== undefined) thresholds.maxChangedLines = maxChangedLines;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const root = resolve(io.cwd, positionals[0] ?? '.');
    const progress = progressReporter(io);
    const outcome = await check({
      root,
      thresholds,
      cache: !values['no-cache'],
      ...(values.base !== undefined ? { base: values.base as string } : {}),
      ...(values.baseline !== undefined ? { baselineFile: resolve(io.cwd, values.baseline as string) } : {}),
      ...(values.head !== undefined ? { head: values.head as string } : {}),
      ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
      onProgress: progress.update,
    });
    progress.done();

    const pathPrefix = git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '';
    const srcRoot = git(root, ['rev-parse', '--show-toplevel'])?.trim() || root;
    const fileUrl = githubFileUrl(root, pathPrefix, outcome.headCommit);
    const ctx: RenderContext = {
      pathPrefix,
      srcRoot,
      sarifAbsent: !!values['sarif-absent'],
      color: !values.output && io.isTTY && !process.env.NO_COLOR,
      ...(fileUrl ? { fileUrl } : {}),
    };
    for (const r of reports) write(io, r.file, render(r.format, outcome, { ...ctx, color: false }));
    const text = render(format, outcome, ctx);
    if (values.output) write(io, values.output as string, text);
    else io.stdout(text);
    return outcome.passed ? 0 : 1;
  },
});
