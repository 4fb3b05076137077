import { relative, resolve } from 'node:path';
import { updateBaseline } from '../baseline.js';
import { defineCommand, UsageError } from '../command.js';
import { progressReporter } from '../progress.js';

const ACTIONS = ['update', 'prune'] as const;

export const command = defineCommand({
  name: 'baseline',
  summary: 'Write the committed baseline: accept the current findings (update), or drop the fixed ones (prune).',
  usage: 'plumbline baseline <update|prune> [dir] [--baseline file] [--config file] [--no-cache]',
  maxPositionals: 2,
  flags: [
    { name: 'baseline', type: 'string', arg: 'file', description: 'The baseline file (default <dir>/plumbline.baseline.json).' },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache.' },
  ],
  run({ values, positionals }, io) {
    const action = positionals[0];
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(
        `expected an action: update (accept every current finding) or prune (drop what was fixed, add nothing)${action ? `; got "${action}"` : ''}`,
      );
    }
    const root = resolve(io.cwd, positionals[1] ?? '.');
    const progress = progressReporter(io);
    const r = updateBaseline({
      root,
      mode: action as 'update' | 'prune',
      cache: !values['no-cache'],
      ...(values.baseline ? { file: resolve(io.cwd, values.baseline as string) } : {}),
      ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
      onProgress: progress.update,
    });
    progress.done();
    const name = relative(io.cwd, r.file) || r.file;
    const debt = r.baseline.entries.reduce((n, e) => n + e.debtMinutes, 0);
    const diff = r.after - r.before;
    io.stdout(
      `${r.changed ? 'wrote' : 'unchanged:'} ${name}: ${r.after} finding${r.after === 1 ? '' : 's'} in ${r.baseline.entries.length} entr${r.baseline.entries.length === 1 ? 'y' : 'ies'}, ${Math.round(debt)} min of debt` +
        ` (${diff === 0 ? 'no change in count' : `${diff > 0 ? '+' : ''}${diff} since the previous baseline`})\n`,
    );
    if (action === 'prune' && r.notCovered > 0) {
      io.stdout(
        `${r.notCovered} current finding${r.notCovered === 1 ? ' is' : 's are'} not in the baseline and stay new for \`plumbline check\` (prune never adds; \`plumbline baseline update\` accepts them)\n`,
      );
    }
    if (r.changed) io.stdout(`commit it: git add ${name}\n`);
    return 0;
  },
});
