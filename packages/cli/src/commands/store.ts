import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command.js';
import { importHistory } from '../history/import.js';
import { openHistory, repositoryIdentity, storeSpec } from '../history/open.js';
import { HistoryStore } from '../history/store.js';
import { loadProjectConfig } from '../scan.js';

export const command = defineCommand({
  name: 'store',
  summary: 'The history store: create or upgrade its schema (migrate), copy a SQLite history file into it (import).',
  usage: 'plumbline store migrate [dir] [--store url|file] | plumbline store import <history.db> [dir] [--store url] [--repository name]',
  maxPositionals: 3,
  flags: [
    {
      name: 'store',
      type: 'string',
      arg: 'url|file',
      description: 'The store: a postgres:// URL or a SQLite file (default PLUMBLINE_STORE, then config history.store, then history.path).',
    },
    {
      name: 'repository',
      type: 'string',
      arg: 'name',
      description: "import: the repository's name in the store (default config history.repository, else the git remote of dir).",
    },
    { name: 'config', type: 'string', short: 'c', arg: 'file', description: 'Config file (default <dir>/plumbline.config.json).' },
  ],
  async run({ values, positionals }, io) {
    const [action, ...rest] = positionals;
    if (action !== 'migrate' && action !== 'import')
      throw new UsageError(`say what to do: store migrate or store import, got "${action ?? ''}"`);
    const file = action === 'import' ? rest.shift() : undefined;
    if (action === 'import' && !file)
      throw new UsageError('store import needs the SQLite history file to copy, e.g. .plumbline/history.db');
    if (rest.length > 1) throw new UsageError(`too many arguments: ${rest.slice(1).join(' ')}`);
    const root = resolve(io.cwd, rest[0] ?? '.');
    const loaded = loadProjectConfig(root, typeof values.config === 'string' ? resolve(io.cwd, values.config) : undefined);
    const config = typeof values.repository === 'string' ? { ...loaded, historyRepository: values.repository } : loaded;
    const flag = typeof values.store === 'string' ? values.store : undefined;
    const spec = storeSpec(root, config, flag);
    let source: HistoryStore | undefined;
    if (file !== undefined) {
      const path = resolve(io.cwd, file);
      if (spec.kind !== 'postgres')
        throw new UsageError('store import copies a SQLite file into a postgres:// store: give it with --store or PLUMBLINE_STORE');
      if (!existsSync(path)) throw new UsageError(`${path}: no such history file`);
      try {
        source = HistoryStore.openReadOnly(path);
      } catch (e) {
        throw new UsageError(`${path} cannot be read as a history store: ${(e as Error).message}`);
      }
    }
    const warn = (m: string) => io.stderr(`plumbline store: ${m}\n`);
    const store = await openHistory(root, config, { ...(flag ? { store: flag } : {}), migrate: true, onWarning: warn });
    try {
      if (!source) {
        io.stdout(`${store.label}: schema version ${await store.schemaVersion()}, up to date\n`);
        return 0;
      }
      const repository = repositoryIdentity(root, config);
      const out = await importHistory(source, store.forRepository(repository), (done, total) => {
        if (io.isTTY) io.stderr(`\r\u001b[2Kimport: ${done}/${total}${done === total ? '\r\u001b[2K' : ''}`);
      });
      if (out.missing.length) {
        io.stderr(
          `plumbline store: ${out.missing.length} snapshots are missing from ${store.label} after the import: ${out.missing.slice(0, 3).join(', ')}\n`,
        );
        return 2;
      }
      io.stdout(
        `imported ${out.snapshots} snapshots and ${out.intervals} intervals of ${source.path} into ${store.label} as ${repository}\n`,
      );
      return 0;
    } finally {
      source?.close();
      await store.close();
    }
  },
});
