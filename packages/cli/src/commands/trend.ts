import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import type { CommandFlag, CommandIO } from '../command.js';
import { formatReportJson } from '../formatters/trend/json.js';
import { formatTrendPretty } from '../formatters/trend/pretty.js';
import { parseConcurrency, parseMemory } from '../scan.js';
import { trend } from '../trend/index.js';
import type { TrendOptions, TrendOutput } from '../trend/index.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** The flags `trend` and `report` share: the window and the history. */
export const WINDOW_FLAGS: CommandFlag[] = [
  {
    name: 'since',
    type: 'string',
    arg: '26w|DATE',
    description: 'Start of the window: a duration back from --until (26w, 90d, 6m, 1y) or a date (default 26w).',
  },
  { name: 'until', type: 'string', arg: 'DATE', description: "End of the window (default: the date of the ref's last commit)." },
  {
    name: 'every',
    type: 'string',
    arg: 'week|day|N',
    description: 'One snapshot per week (Monday 00:00 UTC), per day, or every N first-parent commits (default week).',
  },
  { name: 'ref', type: 'string', arg: 'ref', description: 'Branch or commit whose first-parent history is read (default HEAD).' },
  { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
  { name: 'no-cache', type: 'boolean', description: 'Keep the facts cache in memory only; neither read nor write .plumbline/cache.' },
  { name: 'rebuild', type: 'boolean', description: 'Recompute every snapshot and period, even those in the history store.' },
  {
    name: 'store',
    type: 'string',
    arg: 'url|file',
    description:
      'History store: a postgres:// URL shared by many repositories, or a SQLite file (default PLUMBLINE_STORE, then config history.store, then history.path).',
  },
  {
    name: 'concurrency',
    type: 'string',
    arg: 'N',
    description:
      'Threads analysing history: 1 = this one only (least memory and CPU time), 2 adds one extracting facts, 3 or more also one analysing snapshots (default: 1 on a machine with two logical CPUs or fewer, else one per CPU plus one, up to 5).',
  },
  {
    name: 'max-memory',
    type: 'string',
    arg: 'MB',
    description: 'Soft cap on memory (e.g. 1200 or 1.5G): fewer threads extracting facts, each with a bounded heap.',
  },
];

function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function positiveInt(values: Values, name: string, fallback: number): number {
  const v = str(values, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive whole number, got "${v}"`);
  return Number(v);
}

/** Translates the shared flags into trend() options, with a progress line and warnings on stderr. */
export function trendOptions(name: string, values: Values, positionals: string[], io: CommandIO): TrendOptions {
  const start = Date.now();
  let shown = false;
  const opts: TrendOptions = {
    root: resolve(io.cwd, positionals[0] ?? '.'),
    cache: !values['no-cache'],
    rebuild: !!values.rebuild,
    top: positiveInt(values, 'top', 10),
    depth: positiveInt(values, 'depth', 2),
    onWarning: (m) => io.stderr(`${shown ? '\r\u001b[2K' : ''}plumbline ${name}: ${m}\n`),
    onProgress: ({ phase, done, total }) => {
      if (!io.isTTY || Date.now() - start < 1000) return;
      io.stderr(`\r\u001b[2K${phase}: ${done}/${total}`);
      shown = done < total;
      if (!shown) io.stderr('\r\u001b[2K');
    },
  };
  for (const key of ['since', 'until', 'every', 'ref'] as const) {
    const v = str(values, key);
    if (v !== undefined) opts[key] = v;
  }
  const store = str(values, 'store');
  if (store !== undefined) opts.storePath = store;
  const config = str(values, 'config');
  if (config !== undefined) opts.configFile = resolve(io.cwd, config);
  const concurrency = str(values, 'concurrency');
  if (concurrency !== undefined) opts.concurrency = parseConcurrency(concurrency);
  const maxMemory = str(values, 'max-memory');
  if (maxMemory !== undefined) opts.maxMemoryMb = parseMemory(maxMemory);
  return opts;
}

export function writeOutput(io: CommandIO, values: Values, text: string): void {
  const file = str(values, 'output');
  if (file === undefined) {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The terminal view of a trend: one line per snapshot, then the headline figures. */
export async function runTrend(
  name: string,
  values: Values,
  positionals: string[],
  io: CommandIO,
  extra: Partial<TrendOptions> = {},
): Promise<TrendOutput> {
  return trend({ ...trendOptions(name, values, positionals, io), ...extra });
}

export const command = defineCommand({
  name: 'trend',
  summary: 'Debt per week from git history, kept in the history store; new and fixed findings, rate, attribution.',
  usage: 'plumbline trend [dir] [--since 26w|DATE] [--every week|day|N] [--ref main] [--format pretty|json]',
  maxPositionals: 1,
  flags: [
    ...WINDOW_FLAGS,
    {
      name: 'format',
      type: 'string',
      short: 'f',
      arg: 'pretty|json',
      description: 'Output format (default pretty); json is the report data.',
    },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write to a file instead of stdout.' },
    { name: 'top', type: 'string', arg: 'N', description: 'Rows in each attribution list (default 10).' },
    { name: 'depth', type: 'string', arg: 'N', description: 'Directory depth of the attribution by directory (default 2).' },
  ],
  async run({ values, positionals }, io) {
    const format = str(values, 'format') ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, got "${format}"`);
    const out = await runTrend('trend', values, positionals, io);
    writeOutput(io, values, format === 'json' ? formatReportJson(out.report) : formatTrendPretty(out.report, out.stats, out.storePath));
    return 0;
  },
});
