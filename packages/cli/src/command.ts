import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests pass their own. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal (progress lines are shown) */
  isTTY: boolean;
  cwd: string;
}

export interface CommandFlag {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** shown in --help */
  arg?: string;
  description: string;
}

/** One subcommand of `plumbline`: flags for --help and parsing, and run() returning the exit code. */
export interface Command {
  name: string;
  summary: string;
  /** e.g. `plumbline scan [dir] [flags]` */
  usage: string;
  flags: CommandFlag[];
  /** how many positional arguments it takes at most */
  maxPositionals: number;
  run(
    args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] },
    io: CommandIO,
  ): Promise<number> | number;
}

export function defineCommand(command: Command): Command {
  return command;
}

export function parseArgsOptions(flags: readonly CommandFlag[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const f of flags)
    options[f.name] = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) };
  return options;
}

/** A usage error: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
