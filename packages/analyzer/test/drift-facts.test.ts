import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import { extractFileFacts } from '../src/analyze.js';
import { factsOf } from '../src/facts.js';
import { extractor as driftExtractor } from '../src/facts/drift.js';

const facts = (text: string, path = 'src/file.tsx') => factsOf(extractFileFacts(path, 'h', text, defaultConfig(), {}), driftExtractor)!;
const usages = (text: string, path?: string) =>
  facts(text, path).usages.map((u) => `${u.role}:${u.choice}:${u.via}:${u.line}:${u.column}-${u.endColumn}:${u.count}`);
const idioms = (text: string, path?: string) =>
  facts(text, path).idioms.map((s) => `${s.idiom}:${s.variant}:${s.line}:${s.column}:${s.count}`);

describe('drift facts: role usages', () => {
  it('counts the fetch global, prefixed or not, and not a binding named fetch', () => {
    expect(usages(`export const a = () => fetch('/a');\nexport const b = () => window.fetch('/b');`)).toEqual([
      'http:fetch:global:1:24-29:2',
    ]);
    expect(usages(`import fetch from 'node-fetch';\nexport const a = () => fetch('/a');`)).toEqual(['http:node-fetch:import:1:19-31:1']);
    expect(
      usages(
        `export function f(fetch: () => void) { fetch(); }\nclass S { fetch() {} go() { this.fetch(); } }\nconst { fetch: g } = { fetch() {} }; g();`,
      ),
    ).toEqual([]);
    expect(usages(`function load() { const fetch = () => 1; return fetch(); }`)).toEqual([]);
  });

  it('counts crypto.randomUUID from the global or from node:crypto, and chain and method calls', () => {
    expect(usages(`import crypto from 'node:crypto';\nexport const id = () => crypto.randomUUID();`)).toEqual([
      'ids:crypto-random-uuid:global:2:25-42:1',
    ]);
    expect(usages(`import dayjs from 'dayjs';\nexport const s = (d: Date) => dayjs(d).add(1, 'day').format('LL');`)).toEqual([
      'dates:dayjs:import:1:19-26:1',
      'date-formatting:dayjs:chain:2:54-60:1',
    ]);
    expect(usages(`export const s = (d: Date) => d.toLocaleDateString('en');`)).toEqual(['date-formatting:intl:method:1:33-51:1']);
  });

  it('leaves type-only imports out and reads Tailwind from class names', () => {
    expect(usages(`import type { AxiosError } from 'axios';\nimport { type AxiosInstance } from 'axios';`)).toEqual([]);
    expect(
      usages(
        `export const A = () => <div className="flex items-center p-4" />;\nexport const B = () => <div className="active hidden" />;`,
      ),
    ).toEqual(['styling:tailwind:class-name:1:29-38:1']);
  });
});

describe('drift facts: wrappers', () => {
  it('marks generic clients: a configured instance, or a client-named function taking the URL', () => {
    const f = facts(
      `import axios from 'axios';\nexport const api = axios.create({ baseURL: '/api' });\nexport function getInvoice(id: string) { return axios.get('/api/invoices/' + id); }`,
      'src/http.ts',
    );
    expect(f.carried.map((c) => `${c.export}:${c.choice}:${c.generic}`)).toEqual(['api:axios:true', 'getInvoice:axios:false']);
    const g = facts(
      `async function request(path: string) { return fetch(path); }\nexport const http = { get: (p: string) => request(p) };`,
      'src/lib/http.ts',
    );
    expect(g.carried.map((c) => `${c.export}:${c.choice}:${c.generic}`)).toEqual(['http:fetch:true']);
  });

  it('does not take an export for an id wrapper because a helper two calls away is named like one', () => {
    const f = facts(
      [
        `import { randomUUID } from 'node:crypto';`,
        `function getRequestId(raw: string | null) { return raw ?? randomUUID(); }`,
        `function withMiddleware(handler: () => void) { const requestId = getRequestId(null); return () => { console.log(requestId); handler(); }; }`,
        `export function withAdmin(handler: () => void) { return withMiddleware(handler); }`,
        `export function newRequestId() { return getRequestId(null); }`,
      ].join('\n'),
      'src/utils/middleware.ts',
    );
    expect(f.carried.map((c) => `${c.export}:${c.choice}:${c.generic}`).sort()).toEqual([
      'newRequestId:crypto-random-uuid:true',
      'withAdmin:crypto-random-uuid:false',
    ]);
  });
});

describe('drift facts: idioms', () => {
  it('tells component declaration and export styles apart', () => {
    const text = `import type { FC } from 'react';\nexport function A() { return <a />; }\nexport const B = () => <b />;\nconst C: FC = () => <i />;\nexport default C;`;
    expect(idioms(text)).toEqual([
      'component-declaration:function:2:17:1',
      'component-declaration:arrow:3:14:1',
      'component-declaration:react-fc:4:7:1',
      'component-export:default:5:1:1',
    ]);
  });

  it('takes a component exported both by name and as the default for neither export style', () => {
    const both = `export function Card() { return <div />; }\nexport default Card;`;
    expect(idioms(both).filter((s) => s.startsWith('component-export'))).toEqual([]);
    const wrapped = `export const Card = () => <div />;\nexport default memo(Card);`;
    expect(idioms(wrapped).filter((s) => s.startsWith('component-export'))).toEqual([]);
    const named = `export function Card() { return <div />; }`;
    expect(idioms(named).filter((s) => s.startsWith('component-export'))).toEqual(['component-export:named:1:17:1']);
  });

  it('counts promise chains only in async functions that could await them, once per function', () => {
    const text = [
      `export async function a() { return load().then((r) => r.ok); }`,
      `export async function b() { const r = await fetch('/x').then((x) => x.json()); return r; }`,
      `export function C() { useEffect(() => { load().then(setX); }, []); return null; }`,
      `const L = lazy(() => import('./l').then((m) => ({ default: m.L })));`,
      `export function D() { useEffect(() => { import('x').then((m) => { m.load().then(setX).catch(log); }); }, []); return null; }`,
      `export async function e() { waitUntil(upload().then(f).catch(g)); return Promise.all([a().then(f)]); }`,
      // a synchronous function, handler or editor hook cannot await: its chain is no drift
      `export function sync() { return load().then((r) => r.ok); }`,
      `export function onClick() { void save().then(done); }`,
      `const handlePaste = (view, event) => { upload(event).then(insert).catch(toast); return true; };`,
      `load().then(init);`,
      // fire-and-forget in an async function: void, or a chain followed by more statements (an optimistic update)
      `export async function f() { void save().then(done); save().then(done).catch(undo); setOptimistic(); }`,
      // a promise kept as a value, a rejection turned into a value, a memoised promise in a sync getter
      `export async function g() { const p = pipe().then(ok, (e) => e); await other(); return p; }`,
      `export async function h() { return pipe().then(ok, (e) => e); }`,
      `const getClient = () => { if (!c) c = connect().then(() => x).catch(reset); return c; };`,
      // a sync callback inside an async function
      `export async function i() { await x(); items.forEach((it) => it.load().then(done)); }`,
      // one site per async function however long the chain
      `export async function j() { return load().then(f).then(g); }`,
    ].join('\n');
    expect(idioms(text, 'src/file.ts')).toEqual(['async-style:promise-chain:1:43:2', 'async-style:async-await:2:39:3']);
  });

  it('counts try/catch around await and .then().catch() chains in async functions, not fire-and-forget .catch() or promisifying executors', () => {
    const text = [
      `export async function a() { try { await go(); } catch { return 1; } }`,
      `export async function b() { return go().then(f).catch(() => 1); }`,
      `export async function c() { return await go().then(f).catch(() => 1); }`,
      `export function d() { go().catch(log); return new Promise((ok, ko) => { go().then(ok).catch(ko); }); }`,
      `export function e() { return go().then(f).catch(() => 1); }`,
    ].join('\n');
    expect(idioms(text, 'src/file.ts').filter((s) => s.startsWith('error'))).toEqual([
      'error-handling:try-catch:1:29:1',
      'error-handling:promise-catch:2:49:1',
    ]);
  });

  it('records effects that load data into state', () => {
    const f = facts(
      `import { getUser } from './api';\nexport function P() {\n  useEffect(() => { getUser().then(setUser); }, []);\n  useEffect(() => { fetch('/track', { method: 'POST' }); setSent(true); }, []);\n  return null;\n}`,
    );
    expect(f.effects.map((e) => ({ line: e.line, direct: e.direct, calls: e.calls }))).toEqual([
      { line: 3, direct: false, calls: [{ specifier: './api', name: 'getUser' }] },
    ]);
  });
});
