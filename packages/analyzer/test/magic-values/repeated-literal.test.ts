import { describe, expect, it } from 'vitest';
import { analyzeFixture, findings } from './fixture.js';

describe('magic values in a project with design tokens (fixtures/magic-values/app)', () => {
  const out = analyzeFixture('app');

  it('reports a literal written in 3+ files once, with every other place in related', () => {
    expect(findings(out, 'repeated-literal').map(({ at, related }) => ({ at, related }))).toEqual([
      { at: 'src/api/invoices.ts:2:27-2:57', related: ['src/api/users.ts:1', 'src/lib/session.ts:5'] },
      // the same delay of the same callback (`console.info`) in three files
      { at: 'src/api/invoices.ts:3:49-3:53', related: ['src/api/orders.ts:3', 'src/api/users.ts:6'] },
      { at: 'src/api/invoices.ts:4:24-4:43', related: ['src/lib/auth.ts:2', 'src/lib/session.ts:1', 'src/lib/session.ts:2'] },
    ]);
    expect(findings(out, 'repeated-literal').map((f) => f.message.match(/in (\d+) files \((\d+) places\)/)?.slice(1))).toEqual([
      ['3', '3'],
      ['3', '3'],
      ['3', '4'],
    ]);
  });
});

describe('numbers join only when they play the same role (fixtures/magic-values/literals)', () => {
  const found = findings(analyzeFixture('literals'), 'repeated-literal');

  it('keeps the real debt: the default toast duration, a breakpoint, the delay of the same callback, the API host', () => {
    expect(found.map(({ at, related }) => ({ at, related }))).toEqual([
      { at: 'apps/web/src/page1.ts:9:37-9:41', related: ['apps/web/src/page2.ts:9', 'apps/web/src/page3.ts:9'] },
      { at: 'apps/web/src/page1.ts:10:27-10:30', related: ['apps/web/src/page2.ts:10', 'apps/web/src/page3.ts:10'] },
      { at: 'apps/web/src/page1.ts:11:23-11:27', related: ['apps/web/src/page2.ts:11', 'apps/web/src/page3.ts:11'] },
      { at: 'apps/web/src/page1.ts:12:16-12:45', related: ['apps/web/src/page2.ts:12', 'apps/web/src/page3.ts:12'] },
    ]);
  });

  it('leaves alone delays of anonymous or different callbacks, non-default per-call durations, scale steps and status codes', () => {
    const lines = found.flatMap((f) => [f.at.split(':').slice(0, 2).join(':'), ...f.related]);
    // lines 29 and 30: a status code as the only argument of Fastify's `reply.code` and Node's `res.writeHead` (civitai)
    for (const line of [17, 21, 22, 23, 25, 26, 29, 30]) expect(lines).not.toContain(`apps/web/src/page1.ts:${line}`);
  });

  it('leaves alone sample props of a preview (a destructured default)', () => {
    expect(found.some((f) => f.message.includes('530000') || f.message.includes('localhost:3002'))).toBe(false);
  });

  it('leaves alone markup links and images, help-centre links, placeholder hosts, catalog entries and URLs of a separately built docs site', () => {
    const values = found.map((f) => f.message);
    for (const url of [
      'literals.dev/help',
      'example.com',
      'cdn.literals.dev',
      'github.com/literals',
      'literals.dev/pricing',
      'assets.literals',
    ])
      expect(values.some((m) => m.includes(url))).toBe(false);
  });
});
