// A real git repository with dated commits over six weeks, for the trend, history and report tests.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allRuleIds } from '../src/rules-catalog.js';

export interface Person {
  name: string;
  email: string;
}

export const ALICE: Person = { name: 'Alice Lead', email: 'alice@example.com' };
export const BOB: Person = { name: 'Bob Builder', email: 'bob@example.com' };
export const CAROL: Person = { name: 'Carol Cleaner', email: 'carol@example.com' };
export const DAVE: Person = { name: 'Dave Designer', email: 'dave@example.com' };
export const ERIN: Person = { name: 'Erin Mover', email: 'erin@example.com' };

export const COPILOT_TRAILER = 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>';
export const CLAUDE_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

export class TestRepo {
  constructor(readonly dir: string) {}

  git(args: string[], who: Person = ALICE, date?: string): string {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    };
    return execFileSync('git', ['-C', this.dir, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(path: string, text: string): void {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path));
  }

  /** Stages everything and commits with the given author, date (ISO, committer date too) and message. */
  commit(who: Person, date: string, message: string): string {
    this.git(['add', '-A'], who, date);
    this.git(['commit', '-q', '--no-gpg-sign', '-m', message], who, date);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A config that leaves only pass-through-function on, so rules added later cannot change these counts.
 * pass-through-function is in the all preset: the all preset turns it on, every other rule is off.
 */
export function onlyPassThroughConfig(): string {
  const rules = Object.fromEntries(
    allRuleIds()
      .filter((id) => id !== 'pass-through-function')
      .map((id) => [id, 'off']),
  );
  return `${JSON.stringify({ preset: 'all', rules }, null, 2)}\n`;
}

const wrapper = (name: string, target: string) => `export function ${name}(id: string) {\n  return ${target}(id);\n}\n`;

export interface SixWeeks {
  repo: TestRepo;
  commits: Record<'c1' | 'c2' | 'c2b' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7', string>;
}

/**
 * Six weeks of history (Mondays: 2024-01-01, 08, 15, 22, 29, 02-05):
 * - c1 Wed 01-03 Alice: api, users.ts with one pass-through wrapper (fetchUser), CODEOWNERS, config
 * - c2 Thu 01-11 Bob on a branch, Copilot trailer: orders.ts with two wrappers (loadOrder, saveOrder)
 * - c2b Thu 01-11 Bob on the branch, no trailer: format.ts, real code, no debt
 * - c3 Fri 01-12 Alice: merges the branch (--no-ff)
 * - c4 Tue 01-16 Carol: removes saveOrder (one fixed)
 * - c5 Wed 01-17 Dave, Claude trailer: ui/button.ts with one wrapper (renderButton)
 * - (week of 01-22: no commit)
 * - c6 Tue 01-30 Erin: moves features/users.ts to shared/users.ts unchanged (nothing new, nothing fixed)
 * - c7 Tue 02-06 Erin: copies shared/users.ts to admin/users.ts (a copied clone: one new)
 */
export function buildSixWeeks(): SixWeeks {
  const repo = new TestRepo(mkdtempSync(join(tmpdir(), 'plumbline-trend-')));
  repo.git(['init', '-q', '-b', 'main']);
  repo.write('.gitignore', '.plumbline/\n');
  repo.write('plumbline.config.json', onlyPassThroughConfig());
  repo.write('.github/CODEOWNERS', '/src/features/ @acme/features\n/src/ui/ @acme/ui\n/src/shared/ @acme/platform\n');
  repo.write(
    'src/lib/api.ts',
    'export function get(id: string) {\n  return fetch(`/api/${id}`);\n}\nexport function post(id: string) {\n  return fetch(`/api/${id}`, { method: "POST" });\n}\n',
  );
  repo.write('src/lib/render.ts', 'export function render(id: string) {\n  return `<b>${id}</b>`;\n}\n');
  repo.write('src/features/users.ts', `import { get } from '../lib/api';\n\n${wrapper('fetchUser', 'get')}`);
  const c1 = repo.commit(ALICE, '2024-01-03T10:00:00Z', 'Users API');

  repo.git(['checkout', '-q', '-b', 'orders']);
  repo.write(
    'src/features/orders.ts',
    `import { get, post } from '../lib/api';\n\n${wrapper('loadOrder', 'get')}\n${wrapper('saveOrder', 'post')}`,
  );
  const c2 = repo.commit(BOB, '2024-01-11T09:00:00Z', `Orders API\n\nAdds the order endpoints.\n\n${COPILOT_TRAILER}`);
  repo.write(
    'src/features/format.ts',
    'export function formatTotal(cents: number): string {\n  const euros = Math.floor(cents / 100);\n  return `${euros}.${String(cents % 100).padStart(2, "0")}`;\n}\n',
  );
  const c2b = repo.commit(BOB, '2024-01-11T11:00:00Z', 'Format totals');
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--no-ff', '--no-gpg-sign', '-m', 'Merge branch orders', 'orders'], ALICE, '2024-01-12T15:00:00Z');
  const c3 = repo.head();

  repo.write('src/features/orders.ts', `import { get } from '../lib/api';\n\n${wrapper('loadOrder', 'get')}`);
  const c4 = repo.commit(CAROL, '2024-01-16T10:00:00Z', 'Remove saveOrder');
  repo.write('src/ui/button.ts', `import { render } from '../lib/render';\n\n${wrapper('renderButton', 'render')}`);
  const c5 = repo.commit(DAVE, '2024-01-17T10:00:00Z', `Button\n\n${CLAUDE_TRAILER}`);

  mkdirSync(join(repo.dir, 'src/shared'), { recursive: true });
  repo.git(['mv', 'src/features/users.ts', 'src/shared/users.ts']);
  const c6 = repo.commit(ERIN, '2024-01-30T10:00:00Z', 'Move users to shared');
  mkdirSync(join(repo.dir, 'src/admin'), { recursive: true });
  cpSync(join(repo.dir, 'src/shared/users.ts'), join(repo.dir, 'src/admin/users.ts'));
  const c7 = repo.commit(ERIN, '2024-02-06T10:00:00Z', 'Admin users (copied)');
  return { repo, commits: { c1, c2, c2b, c3, c4, c5, c6, c7 } };
}
