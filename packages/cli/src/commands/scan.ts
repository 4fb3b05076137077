import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import { formatJson } from '../formatters/scan/json.js';
import { formatPretty } from '../formatters/scan/pretty.js';
import { parseConcurrency, parseMemory, parseShard, scanAsync, scanShard } from '../scan.js';
import { progressReporter } from '../progress.js';
import { watchCommand } from '../watch.js';
import { recordScan } from '../history/record.js';

export const command = defineCommand({
  name: 'scan',
  summary: 'Analyse a directory and report its findings and debt score.',
  usage:
    'plumbline scan [dir] [--format pretty|json] [--output file] [--config file] [--no-cache] [--concurrency N] [--max-memory MB] [--shard i/n]',
  maxPositionals: 1,
  flags: [
    { name: 'format', type: 'string', short: 'f', arg: 'pretty|json', description: 'Output format (default pretty).' },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write the report to a file instead of stdout.' },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache.' },
    {
      name: 'watch',
      type: 'boolean',
      short: 'w',
      description: 'Scan again whenever a file changes, keeping the editor cache fresh (until Ctrl-C).',
    },
    {
      name: 'record',
      type: 'boolean',
      description: 'Append this scan to the history store as the snapshot of HEAD (a clean work tree only).',
    },
    {
      name: 'store',
      type: 'string',
      arg: 'url|file',
      description: 'History store of --record: a postgres:// URL or a SQLite file (default PLUMBLINE_STORE, config history.store).',
    },
    {
      name: 'concurrency',
      type: 'string',
      arg: 'N',
      description: 'Threads extracting facts (default: one per logical CPU, 1 on a machine with two or fewer; 1 = no worker threads).',
    },
    {
      name: 'max-memory',
      type: 'string',
      arg: 'MB',
      description: 'Soft cap on memory (e.g. 1200 or 1.5G): fewer worker threads, each with a bounded heap.',
    },
    {
      name: 'shard',
      type: 'string',
      arg: 'i/n',
      description:
        'Extract the facts of shard i of n only and write them to --output (default .plumbline/shards/); then run plumbline merge.',
    },
  ],
  async run({ values, positionals }, io) {
    const format = (values.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, got "${format}"`);
    const root = resolve(io.cwd, positionals[0] ?? '.');
    if (values.watch) return watchCommand({ root, io, ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}) });
    const progress = progressReporter(io);
    const control = {
      ...(values.concurrency !== undefined ? { concurrency: parseConcurrency(values.concurrency as string) } : {}),
      ...(values['max-memory'] !== undefined ? { maxMemoryMb: parseMemory(values['max-memory'] as string) } : {}),
    };
    if (values.shard !== undefined) {
      const shard = parseShard(values.shard as string);
      const s = scanShard({
        root,
        shard,
        cache: !values['no-cache'],
        ...control,
        onProgress: progress.update,
        ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
        ...(values.output ? { output: resolve(io.cwd, values.output as string) } : {}),
      });
      progress.done();
      const summary = {
        shard: `${s.shard.index}/${s.shard.count}`,
        file: s.file,
        files: s.files,
        totalFiles: s.totalFiles,
        parsed: s.stats.parsed,
        fromCache: s.stats.fromCache,
        errors: s.errors.length,
      };
      io.stdout(
        format === 'json'
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `shard ${summary.shard}: facts of ${s.files} of ${s.totalFiles} files (${s.stats.parsed} parsed, ${s.stats.fromCache} from the cache) written to ${s.file}\n`,
      );
      return 0;
    }
    const out = await scanAsync({
      root,
      cache: !values['no-cache'],
      ...control,
      ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
      onProgress: progress.update,
    });
    progress.done();
    if (values.record) {
      const recorded = await recordScan({
        root,
        config: out.config,
        result: out.result,
        ...(typeof values.store === 'string' ? { storePath: values.store } : {}),
        onWarning: (m) => io.stderr(`plumbline scan: ${m}\n`),
      });
      io.stderr(`plumbline scan: ${recorded.message}\n`);
    }
    const text =
      format === 'json' ? formatJson(out.result) : formatPretty(out.result, { color: !values.output && io.isTTY && !process.env.NO_COLOR });
    if (values.output) writeFileSync(resolve(io.cwd, values.output as string), text);
    else io.stdout(text);
    return out.result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
});
