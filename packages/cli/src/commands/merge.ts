import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import { formatJson } from '../formatters/scan/json.js';
import { formatPretty } from '../formatters/scan/pretty.js';
import { progressReporter } from '../progress.js';
import { defaultShardFile, loadProjectConfig, mergeShards, parseConcurrency, parseMemory } from '../scan.js';

export const command = defineCommand({
  name: 'merge',
  summary: 'Run the project detectors over the facts of every shard of a split scan (scan --shard i/n).',
  usage: 'plumbline merge [shard files...] [--dir dir] [--format pretty|json] [--output file] [--config file]',
  maxPositionals: Infinity,
  flags: [
    {
      name: 'dir',
      type: 'string',
      short: 'd',
      arg: 'dir',
      description: 'The directory the shards were computed for (default: the current directory).',
    },
    { name: 'format', type: 'string', short: 'f', arg: 'pretty|json', description: 'Output format (default pretty), as for scan.' },
    { name: 'output', type: 'string', short: 'o', arg: 'file', description: 'Write the report to a file instead of stdout.' },
    {
      name: 'config',
      type: 'string',
      short: 'c',
      arg: 'file',
      description: 'Config file (default <dir>/plumbline.config.json); the shards must have used the same.',
    },
    {
      name: 'concurrency',
      type: 'string',
      arg: 'N',
      description: 'Threads for files no shard covered (default: one per logical CPU; 1 on a machine with two or fewer).',
    },
    { name: 'max-memory', type: 'string', arg: 'MB', description: 'Soft cap on memory (e.g. 1200 or 1.5G).' },
  ],
  run({ values, positionals }, io) {
    const format = (values.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, got "${format}"`);
    const root = resolve(io.cwd, (values.dir as string | undefined) ?? '.');
    const configFile = values.config ? resolve(io.cwd, values.config as string) : undefined;
    let shardFiles = positionals.map((p) => resolve(io.cwd, p));
    if (shardFiles.length === 0) {
      // the default place of `scan --shard`: every shard file there
      const config = loadProjectConfig(root, configFile);
      const dir = dirname(defaultShardFile(root, config, { index: 1, count: 1 }));
      let names: string[] = [];
      try {
        names = readdirSync(dir)
          .filter((n) => /^shard-\d+-of-\d+\.facts$/.test(n))
          .sort();
      } catch {
        // no shard directory: reported below
      }
      if (names.length === 0) throw new UsageError(`no shard files given and none in ${dir} (write them with plumbline scan --shard i/n)`);
      shardFiles = names.map((n) => join(dir, n));
    }
    const progress = progressReporter(io);
    const out = mergeShards({
      root,
      shardFiles,
      onProgress: progress.update,
      ...(configFile ? { configFile } : {}),
      ...(values.concurrency !== undefined ? { concurrency: parseConcurrency(values.concurrency as string) } : {}),
      ...(values['max-memory'] !== undefined ? { maxMemoryMb: parseMemory(values['max-memory'] as string) } : {}),
    });
    progress.done();
    const m = out.merge;
    if (m.missingShards.length) {
      const n = m.shards[0]?.count ?? 0;
      io.stderr(`plumbline merge: no file for shard ${m.missingShards.map((i) => `${i}/${n}`).join(', ')}: its files were analysed here\n`);
    }
    io.stderr(
      `plumbline merge: ${m.shards.length} shard(s), facts of ${m.fromShards} file(s) taken from them, ${out.stats.parsed} analysed here\n`,
    );
    const text =
      format === 'json' ? formatJson(out.result) : formatPretty(out.result, { color: !values.output && io.isTTY && !process.env.NO_COLOR });
    if (values.output) writeFileSync(resolve(io.cwd, values.output as string), text);
    else io.stdout(text);
    return out.result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
});
