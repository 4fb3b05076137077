import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import { conventions, DEFAULT_MAX_LINES, MarkerError, TARGETS } from '../conventions/index.js';
import type { ConventionsOutput, Target } from '../conventions/index.js';
import { terminalBlock } from '../formatters/text-safety.js';
import { progressReporter } from '../progress.js';

function parseTargets(values: string[] | undefined): Target[] {
  const names = (values ?? ['agents']).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const known = Object.keys(TARGETS) as Target[];
  const out: Target[] = [];
  for (const n of names) {
    const t = known.find((k) => k === n || TARGETS[k].toLowerCase() === n);
    if (!t)
      throw new UsageError(`--target must be one of ${known.join(', ')} (or their files ${Object.values(TARGETS).join(', ')}), got "${n}"`);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

function parseMaxLines(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_LINES;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--max-lines must be a positive whole number, got "${text}"`);
  return Number(text);
}

/** --explain: each line and the fact behind it. */
function explain(out: ConventionsOutput): string {
  const lines = out.lines.map((l, i) => `${i + 1}. [${l.key}] ${l.text}\n   fact: ${l.fact}`);
  if (out.dropped) lines.push(`(${out.dropped} more lines measured, left out by the budget: raise --max-lines to see them)`);
  return `${terminalBlock(lines.join('\n'))}\n`;
}

export const command = defineCommand({
  name: 'conventions',
  summary: "Write the repository's measured conventions for coding assistants (AGENTS.md, CLAUDE.md, ...).",
  usage: 'plumbline conventions [dir] [--target agents|claude|copilot|cursor] [--check] [--explain] [--max-lines N] [--config file]',
  maxPositionals: 1,
  flags: [
    {
      name: 'target',
      type: 'string',
      short: 't',
      multiple: true,
      arg: 'name',
      description: `Where to write (repeatable): agents (${TARGETS.agents}, default), claude (${TARGETS.claude}), copilot (${TARGETS.copilot}), cursor (${TARGETS.cursor}).`,
    },
    {
      name: 'check',
      type: 'boolean',
      description: 'Write nothing; exit 1 when a target lacks the section or its section is stale (for CI).',
    },
    { name: 'explain', type: 'boolean', description: 'Write nothing; print every line with the measured fact behind it.' },
    { name: 'print', type: 'boolean', description: 'Write nothing; print the section to stdout.' },
    {
      name: 'max-lines',
      type: 'string',
      arg: 'N',
      description: `Budget of convention lines, the most used kept (default ${DEFAULT_MAX_LINES}).`,
    },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache.' },
  ],
  run({ values, positionals }, io) {
    const targets = parseTargets(values.target as string[] | undefined);
    const maxLines = parseMaxLines(values['max-lines'] as string | undefined);
    const dryRun = !!(values.explain || values.print);
    const progress = progressReporter(io);
    let out: ConventionsOutput;
    try {
      out = conventions({
        root: resolve(io.cwd, positionals[0] ?? '.'),
        targets: dryRun ? [] : targets,
        maxLines,
        check: !!values.check,
        cache: !values['no-cache'],
        ...(values.config ? { configFile: resolve(io.cwd, values.config as string) } : {}),
        onProgress: progress.update,
      });
    } catch (e) {
      progress.done();
      if (e instanceof MarkerError) throw new UsageError(e.message);
      throw e;
    }
    progress.done();
    if (values.explain) io.stdout(explain(out));
    if (values.print) io.stdout(`${out.section}\n`);
    if (dryRun) return 0;
    let failed = false;
    for (const o of out.outcomes) {
      if (o.status === 'stale' || o.status === 'missing') failed = true;
      const what = {
        written: `conventions written (${out.lines.length} lines)`,
        unchanged: 'conventions are current',
        stale: 'conventions are stale: run `plumbline conventions` and commit the result',
        missing: 'has no conventions section: run `plumbline conventions` and commit the result',
      }[o.status];
      io.stderr(`plumbline conventions: ${o.file}: ${what}\n`);
    }
    return failed ? 1 : 0;
  },
});
