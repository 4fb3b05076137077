import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import type { CommandIO } from '../command.js';
import { formatOrgHtml } from '../formatters/org/html.js';
import { formatOrgJson } from '../formatters/org/json.js';
import { formatOrgMarkdown } from '../formatters/org/markdown.js';
import { formatReportHtml } from '../formatters/trend/html.js';
import { formatReportJson } from '../formatters/trend/json.js';
import { formatReportMarkdown } from '../formatters/trend/markdown.js';
import { openHistory, storeSpec } from '../history/open.js';
import { buildOrgReport } from '../org/build.js';
import { loadProjectConfig } from '../scan.js';
import { compileAssistantPatterns } from '../trend/assistants.js';
import { runTrend, WINDOW_FLAGS, writeOutput } from './trend.js';

const FORMATS = ['markdown', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];
type Values = Record<string, string | boolean | string[] | undefined>;

/** `report --org`: every repository of the store, read only; the flags that select history are refused. */
async function orgReport(values: Values, positionals: string[], io: CommandIO, format: Format): Promise<string> {
  for (const flag of ['weekly', 'until', 'every', 'ref', 'rebuild', 'no-cache', 'concurrency', 'max-memory', 'depth'])
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --org, which reads the store only`);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const config = loadProjectConfig(root, typeof values.config === 'string' ? resolve(io.cwd, values.config) : undefined);
  const top = typeof values.top === 'string' ? Number(values.top) : 10;
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive whole number, got "${String(values.top)}"`);
  const spec = storeSpec(root, config, typeof values.store === 'string' ? values.store : undefined);
  if (spec.kind === 'sqlite' && !existsSync(spec.target))
    throw new UsageError(
      `no history store at ${spec.label}: give the shared one with --store postgres://... (or PLUMBLINE_STORE), or run plumbline trend first`,
    );
  const store = await openHistory(root, config, {
    ...(typeof values.store === 'string' ? { store: values.store } : {}),
    migrate: false,
    onWarning: (m) => io.stderr(`plumbline report: ${m}\n`),
  });
  try {
    const names = await store.repositories();
    const report = await buildOrgReport(
      store.label,
      names.map((n) => store.forRepository(n)),
      {
        ...(typeof values.since === 'string' ? { since: values.since } : {}),
        top,
        assistantPatterns: compileAssistantPatterns(config),
      },
    );
    return format === 'html' ? formatOrgHtml(report) : format === 'json' ? formatOrgJson(report) : formatOrgMarkdown(report);
  } finally {
    await store.close();
  }
}

export const command = defineCommand({
  name: 'report',
  summary: 'The debt trend report: Markdown for a chat or PR, self-contained HTML with charts, or JSON; --org across a shared store.',
  usage:
    'plumbline report [dir] [--weekly] [--format markdown|html|json] [--output file] [--since 26w|DATE] [--ref main] [--store url|file] [--org]',
  maxPositionals: 1,
  flags: [
    {
      name: 'weekly',
      type: 'boolean',
      description: 'The weekly report: attribution and new findings of the last week only (the charts keep the window).',
    },
    {
      name: 'org',
      type: 'boolean',
      description:
        "The organisation's report over every repository of the store (--store, PLUMBLINE_STORE or config history.store): one row per repository, totals per week, who adds the most debt. Reads the store only.",
    },
    { name: 'format', type: 'string', short: 'f', arg: 'markdown|html|json', description: 'Output format (default markdown).' },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write the report to a file instead of stdout.' },
    ...WINDOW_FLAGS,
    { name: 'top', type: 'string', arg: 'N', description: 'Rows in each attribution list and new findings listed (default 10).' },
    { name: 'depth', type: 'string', arg: 'N', description: 'Directory depth of the attribution by directory (default 2).' },
  ],
  async run({ values, positionals }, io) {
    const format = (typeof values.format === 'string' ? values.format : 'markdown') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
    if (values.org) {
      writeOutput(io, values, await orgReport(values, positionals, io, format));
      return 0;
    }
    if (values.weekly && typeof values.every === 'string' && !/^weekly?$/i.test(values.every)) {
      throw new UsageError('--weekly reports the last week: leave out --every, or drop --weekly');
    }
    const out = await runTrend('report', values, positionals, io, values.weekly ? { scope: 'last', every: 'week' } : {});
    const text =
      format === 'html'
        ? formatReportHtml(out.report)
        : format === 'json'
          ? formatReportJson(out.report)
          : formatReportMarkdown(out.report);
    writeOutput(io, values, text);
    return 0;
  },
});
