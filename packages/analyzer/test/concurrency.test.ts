import type * as Os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';

const cpus = vi.hoisted(() => ({ n: 2 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof Os>();
  return { ...os, availableParallelism: () => cpus.n };
});

const { defaultConcurrency } = await import('../src/workers.js');

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
