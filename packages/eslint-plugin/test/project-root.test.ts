import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findProjectRoot, resetProjectSettings } from '../src/project-settings.js';

describe('findProjectRoot: the project an edited file belongs to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-root-'));
  mkdirSync(join(dir, 'repo/.git'), { recursive: true });
  mkdirSync(join(dir, 'repo/packages/web/src'), { recursive: true });
  writeFileSync(join(dir, 'repo/packages/web/package.json'), '{"name":"web"}');
  mkdirSync(join(dir, 'configured/src'), { recursive: true });
  writeFileSync(join(dir, 'configured/plumbline.config.json'), '{}');
  const fsRoot = parse(dir).root;
  beforeEach(() => resetProjectSettings());

  it('is the directory of plumbline.config.json when there is one', () => {
    expect(findProjectRoot(join(dir, 'configured/src'), fsRoot)).toBe(join(dir, 'configured'));
  });

  it("is the lint run's cwd otherwise", () => {
    expect(findProjectRoot(join(dir, 'repo/packages/web/src'), join(dir, 'repo'))).toBe(join(dir, 'repo'));
  });

  it('is never the filesystem root: the repository, else the nearest package', () => {
    // RuleTester lints absolute file names with cwd = '/': reading every project on the machine took minutes
    expect(findProjectRoot(join(dir, 'repo/packages/web/src'), fsRoot)).toBe(join(dir, 'repo'));
    mkdirSync(join(dir, 'loose/app/src'), { recursive: true });
    writeFileSync(join(dir, 'loose/app/package.json'), '{"name":"app"}');
    expect(findProjectRoot(join(dir, 'loose/app/src'), fsRoot)).toBe(join(dir, 'loose/app'));
  });
});
