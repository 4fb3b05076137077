import { parseArgs } from 'node:util';
import { ConfigError, VERSION } from '@plumbline/core';
import { parseArgsOptions, UsageError } from './command.js';
import type { Command, CommandIO } from './command.js';
import { COMMANDS } from './commands/index.js';
import { terminalBlock } from './formatters/text-safety.js';

function help(commands: readonly Command[]): string {
  const lines = [
    `plumbline ${VERSION}: an architectural and design-system linter for TypeScript and React`,
    '',
    'Usage: plumbline <command> [flags]',
    '',
    'Commands:',
  ];
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const c of commands) lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  lines.push(
    '',
    'Run `plumbline <command> --help` for its flags.',
    'Exit codes: 0 success; 1 gate failed or error-severity findings; 2 usage or configuration error.',
  );
  return `${lines.join('\n')}\n`;
}

export function commandHelp(c: Command): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Flags:'];
  for (const f of [...c.flags, { name: 'help', type: 'boolean', short: 'h', description: 'Show this help.' } as const]) {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${'arg' in f && f.arg ? ` <${f.arg}>` : ''}`;
    lines.push(`  ${left.padEnd(34)} ${f.description}`);
  }
  return `${lines.join('\n')}\n`;
}

const defaultIO = (): CommandIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stderr.isTTY,
  cwd: process.cwd(),
});

/** The `plumbline` command line: parse, dispatch, map errors to exit codes. Returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help(COMMANDS));
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`plumbline: unknown command "${name}"\n\n${help(COMMANDS)}`);
    return 2;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...parseArgsOptions(command.flags), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    if (parsed.positionals.length > command.maxPositionals) {
      throw new UsageError(`too many arguments: ${parsed.positionals.slice(command.maxPositionals).join(' ')}`);
    }
    return await command.run(
      { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals },
      io,
    );
  } catch (e) {
    // error messages quote files of the scanned repository (a config that is not JSON is quoted by the parser)
    if (e instanceof ConfigError) {
      io.stderr(`plumbline: configuration error: ${terminalBlock(e.message)}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`plumbline ${command.name}: ${terminalBlock((e as Error).message)}\n\n${commandHelp(command)}`);
      return 2;
    }
    io.stderr(`plumbline ${command.name}: ${terminalBlock((e as Error).stack ?? String(e))}\n`);
    return 2;
  }
}
