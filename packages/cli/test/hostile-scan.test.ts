// `plumbline scan` over the hostile corpus (issue 10): fixtures/hostile/project plus the large and deeply
// nested files of scripts/make-hostile-corpus.mjs, generated once into a temporary directory. Expected:
// no crash and no stack overflow, each bad file in `errors` with its reason, huge/minified/generated
// files in `skipped`, the rest analysed; the same through the cache and through the CLI.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import AjvModule from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { CommandIO } from '../src/command.js';
import { scan } from '../src/scan.js';
import type { ScanOutput } from '../src/scan.js';
// @ts-expect-error a plain ESM script without type declarations
import { GENERATED_CASES, makeHostileCorpus } from '../../../scripts/make-hostile-corpus.mjs';

const REPO = join(import.meta.dirname, '../../..');
const FIXTURE = join(REPO, 'fixtures/hostile/project');
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => {
  compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
};
const outputSchema = JSON.parse(readFileSync(join(REPO, 'packages/core/schema/scan-output.schema.json'), 'utf8')) as object;

const STACK = 'too deeply nested to parse (stack overflow)';

/** Every file of the corpus and what must become of it. A file without an entry fails the first test. */
const ERRORS: Record<string, string | RegExp> = {
  'src/binary.ts': 'binary content (NUL bytes) in a source file',
  'src/utf16.ts': 'binary content (NUL bytes) in a source file',
  'src/latin1.ts': 'not valid UTF-8 text',
  'src/overlong.ts': 'not valid UTF-8 text',
  'src/late-nul.ts': 'syntax error at 201:20: Invalid character.',
  'src/syntax-error.ts': 'syntax error at 1:14: Variable declaration expected.',
  'src/unterminated.tsx': /^syntax error at 3:6: JSX element 'span' has no corresponding closing tag\. \(and \d+ more\)$/,
  'src/flow.tsx': /^syntax error at 4:15: Property or signature expected\. \(and \d+ more\)$/,
  'src/flow-types.js': /^syntax error at 2:47: '\{' or ';' expected\./,
  'src/deep-jsx.tsx': STACK,
  'src/deep-parens.ts': STACK,
  'src/deep-blocks.ts': STACK,
  'src/deep-ternary.ts': STACK,
  'src/deep-object.ts': STACK,
  'src/long-concat.ts': 'too deeply nested to analyse (stack overflow)',
  'tokens/broken.css': /CSS syntax error at 1:1: Unclosed block$/,
};
const SKIPPED: Record<string, string | RegExp> = {
  'src/app-bundle.js': 'too large (5.0 MB > 1 MB)',
  'src/one-line.ts': 'minified (longest line 1000000 characters)',
  'src/generated.ts': 'generated (marker in the header)',
};
/**
 * Analysed: their pass-through-function findings, as [line, column] (a BOM, CRLF or CR-only line ends
 * change nothing). Other rules may report on these files too; none reports on a file in errors or skipped.
 */
const ANALYSED: Record<string, Array<[number, number]>> = {
  'src/ok.ts': [[3, 17]],
  'src/bom.ts': [[3, 17]],
  'src/crlf.ts': [[3, 17]],
  'src/cr-only.ts': [[3, 17]],
  'src/ユニコード/名前.ts': [[3, 17]],
  'src/repo.ts': [],
  'src/empty.ts': [],
  'src/blank.tsx': [],
  'src/deep-nesting.scss': [],
  'tokens/theme.css': [],
};
/** Token files: not analysed as code; their problems are errors naming the file and the token. */
const TOKEN_ERRORS: Record<string, Array<string | RegExp>> = {
  'tokens/alias-chain.tokens.json': ['token "chain.t0": alias chain deeper than 64 references (chain.t0 -> chain.t1 -> chain.t2 -> …)'],
  'tokens/broken.tokens.json': [
    'token "color.self": alias cycle: color.self -> color.self',
    'token "color.ping": alias cycle: color.ping -> color.pong -> color.ping',
    'token "color.one": alias cycle: color.one -> color.two -> color.three -> color.one',
    'token "color.missing": missing reference {color.nowhere}',
    'token "color.missing-inside": missing reference {color.nowhere-else}',
    'token "spacing.unit-object": missing reference {spacing.nope}',
  ],
  'tokens/not-json.tokens.json': [/^not valid JSON \(/],
  'tokens/theme.css': ['token "--self": alias cycle: --self -> --self', 'token "--ping": alias cycle: --ping -> --pong -> --ping'],
  'tokens/array-root.tokens.json': [],
  'tokens/deep.tokens.json': [],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const handle: CommandIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), isTTY: false, cwd };
  return { out, handle };
}

let root: string;
let first: ScanOutput;
let firstMs: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'plumbline-hostile-scan-'));
  cpSync(FIXTURE, root, { recursive: true });
  makeHostileCorpus(root);
  // pass-through-function, whose findings place the analysed files, is in the `all` preset
  writeFileSync(join(root, 'plumbline.config.json'), '{ "preset": "all" }\n');
  // symlink loops and dangling links: never followed, never listed (outside git, the walk skips links)
  symlinkSync('loop-b.ts', join(root, 'src/loop-a.ts'));
  symlinkSync('loop-a.ts', join(root, 'src/loop-b.ts'));
  symlinkSync('.', join(root, 'src/dir-loop'));
  symlinkSync('nowhere.ts', join(root, 'src/dangling.ts'));
  const t = performance.now();
  first = scan({ root });
  firstMs = performance.now() - t;
});
const bigDirs: string[] = [];
afterAll(() => {
  // the generated corpus is 7 MB: do not leave copies behind
  for (const d of [root, ...bigDirs]) rmSync(d, { recursive: true, force: true });
});

describe('plumbline scan over the hostile corpus', () => {
  it('every file of the corpus has an expected outcome', () => {
    const expected = new Set([...Object.keys(ERRORS), ...Object.keys(SKIPPED), ...Object.keys(ANALYSED), ...Object.keys(TOKEN_ERRORS)]);
    const corpus = [...filesUnder(FIXTURE), ...Object.keys(GENERATED_CASES as Record<string, string>)].sort();
    expect(corpus.filter((f) => !expected.has(f))).toEqual([]);
    expect([...expected].filter((f) => !corpus.includes(f))).toEqual([]);
  });

  it('each bad source file is in errors with its reason', () => {
    const errors = new Map<string, string[]>();
    for (const e of first.result.errors) errors.set(e.file, [...(errors.get(e.file) ?? []), e.message]);
    for (const [file, reason] of Object.entries(ERRORS)) {
      expect(errors.get(file), file).toEqual([typeof reason === 'string' ? reason : expect.stringMatching(reason)]);
    }
  });

  it('huge, minified and generated files are skipped with the reason', () => {
    expect(Object.fromEntries(first.result.skipped.map((s) => [s.file, s.reason]))).toEqual(
      Object.fromEntries(Object.entries(SKIPPED).map(([f, r]) => [f, typeof r === 'string' ? r : expect.stringMatching(r)])),
    );
  });

  it('the rest is analysed, findings at the right places', () => {
    expect(first.facts.map((f) => f.path).sort()).toEqual(Object.keys(ANALYSED).sort());
    const found: Record<string, Array<[number, number]>> = Object.fromEntries(Object.keys(ANALYSED).map((f) => [f, []]));
    for (const f of first.result.findings) if (f.ruleId === 'pass-through-function') found[f.file]!.push([f.line, f.column]);
    expect(found).toEqual(ANALYSED);
    expect(first.result.findings.filter((f) => !(f.file in ANALYSED))).toEqual([]);
    expect(first.result.summary.files).toBe(Object.keys(ANALYSED).length);
    // the empty and whitespace-only files count no lines; the deep SCSS counts its own
    expect(first.facts.find((f) => f.path === 'src/empty.ts')!.linesOfCode).toBe(0);
    expect(first.facts.find((f) => f.path === 'src/blank.tsx')!.linesOfCode).toBe(0);
  });

  it('token files with cycles, missing references, deep chains and bad JSON are errors naming file and token', () => {
    for (const [file, messages] of Object.entries(TOKEN_ERRORS)) {
      const got = first.result.errors.filter((e) => e.file === file).map((e) => e.message);
      expect(got, file).toEqual(messages.map((m) => (typeof m === 'string' ? m : expect.stringMatching(m))));
    }
    // nothing else is in errors: no crash of a whole settings provider, no stack overflow escaping
    const known = new Set([...Object.keys(ERRORS), ...Object.keys(TOKEN_ERRORS)]);
    expect(first.result.errors.filter((e) => !known.has(e.file))).toEqual([]);
  });

  it('takes seconds, not minutes', () => {
    expect(firstMs).toBeLessThan(60_000);
  });

  it('a second scan takes every outcome from the cache and reports the same', () => {
    const second = scan({ root });
    expect(second.stats.parsed).toBe(0);
    expect(second.result.errors).toEqual(first.result.errors);
    expect(second.result.skipped).toEqual(first.result.skipped);
    expect(second.result.findings).toEqual(first.result.findings);
  });

  it('the CLI prints JSON valid against the output schema and exits 0; pretty lists every file that could not be analysed', async () => {
    const json = io(root);
    expect(await main(['scan', '--format', 'json'], json.handle)).toBe(0);
    const data = JSON.parse(json.out.stdout) as { errors: unknown[] };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(outputSchema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.errors).toEqual(first.result.errors);

    const pretty = io(root);
    expect(await main(['scan'], pretty.handle)).toBe(0);
    expect(pretty.out.stdout).toContain('Files that could not be analysed');
    for (const file of [...Object.keys(ERRORS), ...Object.keys(TOKEN_ERRORS).filter((f) => TOKEN_ERRORS[f]!.length)]) {
      expect(pretty.out.stdout, file).toContain(`  ${file}: `);
    }
    const errorCount = Object.keys(ERRORS).length + Object.values(TOKEN_ERRORS).reduce((n, m) => n + m.length, 0);
    expect(pretty.out.stdout).toContain(
      `files ${Object.keys(ANALYSED).length}, lines of code ${first.result.summary.linesOfCode}, skipped 3, errors ${errorCount}\n`,
    );
  });
});

describe('the built CLI, with worker threads', () => {
  it('reports the same files in errors and skipped, and analyses the rest (200 more files, so that workers parse)', () => {
    const cli = join(REPO, 'packages/cli/bin/plumbline.js');
    expect(existsSync(join(REPO, 'packages/analyzer/dist/facts-worker.js')), 'run `npm run build` first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-hostile-workers-'));
    bigDirs.push(dir);
    cpSync(root, dir, {
      recursive: true,
      filter: (src) => !src.includes('.plumbline') && !src.endsWith('-loop') && !/loop-[ab]\.ts$|dangling\.ts$/.test(src),
    });
    mkdirSync(join(dir, 'src/many'), { recursive: true });
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, `src/many/f${i}.ts`), `export const v${i} = ${i};\n`);
    const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--no-cache', '--concurrency', '2'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.status, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as {
      errors: Array<{ file: string; message: string }>;
      skipped: Array<{ file: string }>;
      summary: { files: number };
    };
    expect(data.errors.map((e) => e.file)).toEqual(first.result.errors.map((e) => e.file));
    for (const e of data.errors) {
      const here = first.result.errors.find((x) => x.file === e.file && (x.message === e.message || /^too deeply nested/.test(x.message)))!;
      // a worker's stack is not the main thread's: the parser may get further and the analysis overflow instead
      expect(e.message, e.file).toEqual(
        /^too deeply nested/.test(here.message)
          ? expect.stringMatching(/^too deeply nested to (parse|analyse) \(stack overflow\)$/)
          : here.message,
      );
    }
    expect(data.skipped.map((s) => s.file)).toEqual(first.result.skipped.map((s) => s.file));
    expect(data.summary.files).toBe(first.result.summary.files + 200);
  }, 120_000);
});

describe('files that change while the scan runs', () => {
  /** 250 small files first, so that the scan reports progress (every 200 files) before it reaches the victims. */
  function bigTree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-hostile-race-'));
    mkdirSync(join(dir, 'src/many'), { recursive: true });
    for (let i = 0; i < 250; i++) writeFileSync(join(dir, `src/many/f${String(i).padStart(3, '0')}.ts`), `export const v${i} = ${i};\n`);
    for (const victim of ['deleted', 'unreadable', 'now-a-directory', 'now-a-loop', 'kept']) {
      writeFileSync(join(dir, `src/zz-${victim}.ts`), `export const ${victim.replace(/-/g, '_')} = 1;\n`);
    }
    return dir;
  }

  it('a file deleted, made unreadable, replaced by a directory or by a symlink loop mid-scan is an error; the rest is analysed', () => {
    const dir = bigTree();
    const asRoot = process.getuid?.() === 0;
    let mutated = false;
    const mutate = () => {
      if (asRoot) process.seteuid!(0);
      rmSync(join(dir, 'src/zz-deleted.ts'));
      chmodSync(join(dir, 'src/zz-unreadable.ts'), 0o000);
      rmSync(join(dir, 'src/zz-now-a-directory.ts'));
      mkdirSync(join(dir, 'src/zz-now-a-directory.ts'));
      rmSync(join(dir, 'src/zz-now-a-loop.ts'));
      symlinkSync('zz-now-a-loop.ts', join(dir, 'src/zz-now-a-loop.ts'));
      if (asRoot) process.seteuid!(65534);
      mutated = true;
    };
    // root reads any file whatever its mode: scan as nobody, so that mode 000 means unreadable
    if (asRoot) {
      for (const d of [dir, join(dir, 'src'), join(dir, 'src/many')]) chmodSync(d, 0o755);
      process.seteuid!(65534);
    }
    let out: ScanOutput;
    try {
      out = scan({
        root: dir,
        cache: false,
        onProgress: (p) => {
          if (p.phase === 'facts' && !mutated) mutate();
        },
      });
    } finally {
      if (asRoot) process.seteuid!(0);
    }
    expect(mutated).toBe(true);
    expect(out.result.errors).toEqual([
      { file: 'src/zz-deleted.ts', message: 'cannot be read: ENOENT' },
      { file: 'src/zz-now-a-directory.ts', message: 'cannot be read: EISDIR' },
      { file: 'src/zz-now-a-loop.ts', message: 'cannot be read: ELOOP' },
      { file: 'src/zz-unreadable.ts', message: 'cannot be read: EACCES' },
    ]);
    expect(out.result.summary.files).toBe(251);
    expect(out.facts.some((f) => f.path === 'src/zz-kept.ts')).toBe(true);
  });
});

describe('the hostile corpus in git history', () => {
  it('trend reads it from git objects and check --base compares with it: every snapshot has the same errors, nothing new', async () => {
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    const git = (...args: string[]) =>
      spawnSync('git', ['-C', root, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
        env,
        encoding: 'utf8',
      });
    writeFileSync(join(root, '.gitignore'), '.plumbline/\n');
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    expect(git('commit', '-q', '-m', 'hostile corpus').status).toBe(0);
    writeFileSync(join(root, 'src/later.ts'), 'export const later = 1;\n');
    git('add', '-A');
    expect(git('commit', '-q', '-m', 'one more file').status).toBe(0);

    const t = io(root);
    expect(await main(['trend', '--every', '1', '--format', 'json'], t.handle), t.out.stderr).toBe(0);
    const points = (JSON.parse(t.out.stdout) as { points: Array<{ findings: number; debtMinutes: number }> }).points;
    expect(points).toHaveLength(2);
    expect(points[1]).toMatchObject({ findings: points[0]!.findings, debtMinutes: points[0]!.debtMinutes });

    const c = io(root);
    expect(await main(['check', '--base', 'HEAD~1', '--format', 'json'], c.handle), c.out.stderr).toBe(0);
    const data = JSON.parse(c.out.stdout) as { check: { newFindings: number; absentFindings: number }; errors: Array<{ file: string }> };
    expect(data.check).toMatchObject({ newFindings: 0, absentFindings: 0 });
    // the working tree's symlinks (a loop, a dangling link) are untracked links: left out, like the rest
    expect(data.errors.map((e) => e.file)).toEqual(first.result.errors.map((e) => e.file));
  }, 120_000);
});
