import { relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { defineCommand, UsageError } from '../command.js';
import { formatInitReport } from '../init/format.js';
import { configFromReport, inferProject, writeConfig } from '../init/infer.js';

export const command = defineCommand({
  name: 'init',
  summary:
    'Show what plumbline infers (design systems, tokens, conventions, test and generated files); --write saves it as plumbline.config.json.',
  usage: 'plumbline init [dir] [--write] [--force] [--format text|json] [--config file] [--no-cache]',
  maxPositionals: 1,
  flags: [
    {
      name: 'write',
      type: 'boolean',
      description: 'Save what was inferred as <dir>/plumbline.config.json (never over an existing one without --force).',
    },
    { name: 'force', type: 'boolean', description: 'With --write: replace an existing plumbline.config.json.' },
    { name: 'format', type: 'string', arg: 'text|json', description: 'text (default) or json: the report as data.' },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file to read (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache.' },
  ],
  run({ values, positionals }, io) {
    const root = resolve(io.cwd, positionals[0] ?? '.');
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected text or json; got "${format}"`);
    if (values.force && !values.write) throw new UsageError('--force only goes with --write');
    const report = inferProject({
      root,
      cache: !values['no-cache'],
      ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
    });
    const config = configFromReport(report);
    io.stdout(format === 'json' ? `${JSON.stringify({ ...report, config }, null, 2)}\n` : formatInitReport(report));
    if (!values.write) {
      if (format === 'text') io.stdout('\n(nothing written: `plumbline init --write` saves this as plumbline.config.json)\n');
      return 0;
    }
    const { file, written } = writeConfig(root, config, !!values.force);
    const name = relative(io.cwd, file) || file;
    if (!written) {
      io.stderr(`${name} exists: left as it is (--force replaces it)\n`);
      return 2;
    }
    io.stderr(`wrote ${name}\n`);
    return 0;
  },
});
