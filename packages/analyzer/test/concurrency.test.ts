import type * as Os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';

const cpus = vi.hoisted(() => ({ n: 2 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof Os>();
  return { ...os, availableParallelism: () => cpus.n };
});

const { defaultConcurrency } = await import('../src/facts-pool.js');
// the built pool: from TypeScript sources there is no worker file, hence no workers
const built = await import('../dist/facts-pool.js');

describe('default concurrency', () => {
  afterEach(() => {
    cpus.n = 2;
  });

  it('is one thread on a machine with two logical CPUs or fewer, one per CPU above', () => {
    const at = (n: number) => {
      cpus.n = n;
      return defaultConcurrency();
    };
    expect([1, 2, 3, 4, 16].map(at)).toEqual([1, 1, 3, 4, 16]);
  });
});

describe('the facts workers of a run (one policy for a scan and for trend)', () => {
  const { workersFor, MIN_FILES_FOR_WORKERS } = built;
  it('none in one thread or for few files; one per 75 files up to the concurrency', () => {
    expect(workersFor(10_000, { concurrency: 1 })).toBe(0);
    expect(workersFor(MIN_FILES_FOR_WORKERS - 1, { concurrency: 4 })).toBe(0);
    expect(workersFor(MIN_FILES_FOR_WORKERS, { concurrency: 4 })).toBe(2);
    expect(workersFor(10_000, { concurrency: 4 })).toBe(4);
  });
  it('counts the calling thread among the concurrency when it extracts too (trend)', () => {
    expect(workersFor(10_000, { concurrency: 4 }, true)).toBe(3);
    expect(workersFor(10_000, { concurrency: 2 }, true)).toBe(1);
  });
  it("fits under --max-memory: the main thread's share first, then one worker per 180 MB", () => {
    expect(workersFor(10_000, { concurrency: 8, maxMemoryMb: 700 })).toBe(2);
    expect(workersFor(10_000, { concurrency: 8, maxMemoryMb: 400 })).toBe(0);
    expect(workersFor(10_000, { concurrency: 8, maxMemoryMb: 700 }, true)).toBe(2);
  });
});
