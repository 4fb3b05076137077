import { defineCommand, UsageError } from '../command.js';
import { formatReportHtml } from '../formatters/trend/html.js';
import { formatReportJson } from '../formatters/trend/json.js';
import { formatReportMarkdown } from '../formatters/trend/markdown.js';
import { runTrend, WINDOW_FLAGS, writeOutput } from './trend.js';

const FORMATS = ['markdown', 'html', 'json'] as const;

export const command = defineCommand({
  name: 'report',
  summary: 'The debt trend report: Markdown for a chat or PR, self-contained HTML with charts, or JSON.',
  usage: 'plumbline report [dir] [--weekly] [--format markdown|html|json] [--output file] [--since 26w|DATE] [--ref main]',
  maxPositionals: 1,
  flags: [
    {
      name: 'weekly',
      type: 'boolean',
      description: 'The weekly report: attribution and new findings of the last week only (the charts keep the window).',
    },
    { name: 'format', type: 'string', short: 'f', arg: 'markdown|html|json', description: 'Output format (default markdown).' },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write the report to a file instead of stdout.' },
    ...WINDOW_FLAGS,
    { name: 'top', type: 'string', arg: 'N', description: 'Rows in each attribution list and new findings listed (default 10).' },
    { name: 'depth', type: 'string', arg: 'N', description: 'Directory depth of the attribution by directory (default 2).' },
  ],
  async run({ values, positionals }, io) {
    const format = (typeof values.format === 'string' ? values.format : 'markdown') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
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
