import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { defineCommand, UsageError } from '../command.js';
import { loadProjectConfig } from '../scan.js';

export const command = defineCommand({
  name: 'mcp',
  summary: 'Serve the repository to coding assistants over MCP (stdio): components, tokens, conventions, checks, duplicates.',
  usage: 'plumbline mcp [dir] [--config file] [--no-cache]',
  maxPositionals: 1,
  flags: [
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
    { name: 'no-cache', type: 'boolean', description: 'Parse every file; neither read nor write .plumbline/cache (slower answers).' },
  ],
  async run({ values, positionals }, io) {
    const root = resolve(io.cwd, positionals[0] ?? '.');
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
    const configFile = values.config ? resolve(io.cwd, values.config as string) : undefined;
    // a bad config is a usage error now, not a failure of every request later
    loadProjectConfig(root, configFile);
    // the MCP SDK is loaded by this command only
    const { serveStdio } = await import('../mcp/server.js');
    await serveStdio({ root, cache: !values['no-cache'], ...(configFile ? { configFile } : {}) }, (line) => io.stderr(`${line}\n`));
    return 0;
  },
});
