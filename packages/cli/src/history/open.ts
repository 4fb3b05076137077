// Which history store a command uses, and the repository's identity in it. The store is, first found:
// --store, PLUMBLINE_STORE, config `history.store`, else the SQLite file at config `history.path`. A
// `postgres://` URL is the shared PostgreSQL store; anything else a SQLite file relative to the root.
import { basename, resolve } from 'node:path';
import type { ResolvedConfig } from '@plumbline/core';
import { git } from '../git/command.js';
import type { HistoryBackend } from './backend.js';
import { isPostgresUrl, maskUrl } from './pg-connection.js';
import { PgStore } from './pg-store.js';
import { SqliteBackend } from './sqlite-backend.js';

export interface StoreSpec {
  kind: 'sqlite' | 'postgres';
  /** the URL, or the file's absolute path */
  target: string;
  /** safe to print */
  label: string;
}

/** The store a command in `root` uses (`flag`: its --store value). */
export function storeSpec(root: string, config: ResolvedConfig, flag?: string, env: NodeJS.ProcessEnv = process.env): StoreSpec {
  const given = [flag, env.PLUMBLINE_STORE, config.historyStore].find((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (given !== undefined && isPostgresUrl(given.trim())) return { kind: 'postgres', target: given.trim(), label: maskUrl(given.trim()) };
  const path = resolve(root, given ?? config.historyPath);
  return { kind: 'sqlite', target: path, label: path };
}

/**
 * `git@github.com:Org/Name.git`, `https://user:token@github.com/Org/Name`, `ssh://git@host:22/org/name.git`
 * all give `github.com/Org/Name`: the host lower-cased, no scheme, user, password, port or `.git`.
 */
export function normaliseRemote(url: string): string | null {
  const u = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(u);
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/?(.*)$/i.exec(u);
    if (!m) return null;
    host = m[1]!;
    path = m[2]!;
  } else if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else return null;
  path = path
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/^\/+/, '');
  if (!path) return null;
  return `${host.toLowerCase()}/${path}`;
}

/**
 * The repository's identity in a shared store: config `history.repository`, else the origin remote
 * normalised (else the first remote, else `local/<directory name>`), with `:<dir>` when the analysed
 * directory is inside the repository (two packages of a monorepo are two rows).
 */
export function repositoryIdentity(root: string, config: ResolvedConfig): string {
  if (config.historyRepository) return config.historyRepository;
  const top = git(root, ['rev-parse', '--show-toplevel'])?.trim();
  const prefix = (git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '').replace(/\/$/, '');
  const remotes = (git(root, ['remote'])?.split('\n') ?? []).map((r) => r.trim()).filter(Boolean);
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  const url = remote ? git(root, ['remote', 'get-url', remote])?.trim() : undefined;
  const name = (url && normaliseRemote(url)) || `local/${basename(top || root)}`;
  return prefix ? `${name}:${prefix}` : name;
}

export interface OpenStoreOptions {
  /** the --store value */
  store?: string;
  /** create or upgrade a PostgreSQL schema (the commands that write) */
  migrate?: boolean;
  onWarning?: (message: string) => void;
}

/**
 * Opens the store a command in `root` uses, for this repository. SQLite: never fails (a damaged file is
 * rebuilt, an unusable one replaced by memory, with a warning). PostgreSQL: a StoreError (exit 2) when
 * the store cannot be used as asked, before anything is written.
 */
export async function openHistory(root: string, config: ResolvedConfig, options: OpenStoreOptions = {}): Promise<HistoryBackend> {
  const spec = storeSpec(root, config, options.store);
  const repository = repositoryIdentity(root, config);
  const warn = options.onWarning ? { onWarning: options.onWarning } : {};
  if (spec.kind === 'postgres') return PgStore.open(spec.target, repository, { migrate: options.migrate ?? true, ...warn });
  return SqliteBackend.open(spec.target, repository, warn);
}
