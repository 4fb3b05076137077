import rule from '../../src/rules/pass-through-function.js';
import { ruleTester } from '../rule-tester.js';

ruleTester().run('pass-through-function', rule, {
  valid: [
    // reorders, renames, defaults, destructures
    `import { find } from './repo'; export function load(a: string, b: string) { return find(b, a); }`,
    `import { find } from './repo'; export function load(id = 'x') { return find(id); }`,
    `import { find } from './repo'; export function load({ id }: { id: string }) { return find(id); }`,
    `import { find } from './repo'; export function load(id: string) { return find(id, { cache: true }); }`,
    // does more than the call
    `import { find } from './repo'; export async function load(id: string) { try { return await find(id); } catch (e) { log(e); throw e; } }`,
    `import { find } from './repo'; export function load(id: string) { console.time('x'); return find(id); }`,
    `import { find } from './repo'; const load = memoize((id: string) => find(id));`,
    // thunks and inline callbacks
    `import { refetch } from './api'; export const reload = () => refetch();`,
    `import { setValue } from './store'; const el = <input onChange={(e) => setValue(e)} />;`,
    `import { parse } from './parse'; const xs = ['1'].map((s) => parse(s));`,
    // framework-required
    `import { handler } from './impl'; export async function GET(req: Request) { return handler(req); }`,
    // a route's handler (the page exempts it), also when exported under the method names or as the default
    `import { authorize } from './service'; export async function handler(req: Request) { return authorize(req); }`,
    `import { authorize } from './service'; const handler = async (req: Request) => { return await authorize(req); }; export const GET = handler; export const POST = handler;`,
    `import { proxy } from './proxy'; const handler = (req: Request) => proxy(req); export { handler as GET, handler as DELETE };`,
    {
      code: `import { TeamsPage } from './teams'; const Page = (props: any) => { return TeamsPage(props); }; export default Page;`,
      filename: 'app/teams/page.tsx',
    },
    `export function useTheme() { return useContext(ThemeContext); }`,
    `import { useContext } from 'react'; export function useThing(ctx: any) { return useContext(ctx); }`,
    // calls a parameter, this, or a global
    `export function apply(fn: (x: number) => number, x: number) { return fn(x); }`,
    `class A { load(id: string) { return this.find(id); } find(id: string) { return id; } }`,
    `export function log(msg: string) { console.log(msg); }`,
    // vendor adapters are quiet by default
    `import { format } from 'date-fns'; export function formatDate(d: Date, f: string) { return format(d, f); }`,
    // generic wrappers narrow types; explicit type arguments too
    `import { get } from './http'; export function getJson<T>(url: string) { return get<T>(url); }`,
    // overload signatures
    `import { find } from './repo'; export function load(id: string): string; export function load(id: string) { return String(find(id)); }`,
    // recursion is not a wrapper
    `export function walk(n: number): number { return walk(n); }`,
    // optional call
    `import { maybe } from './m'; export function call(x: number) { return maybe?.(x); }`,
    // type predicates narrow
    `import { isInvoice } from './guards'; export function isBill(x: unknown): x is Bill { return isInvoice(x); }`,
    // named data: a predicate over a constant or a collection encapsulates it
    `import { TYPES } from './types'; export const isKnownType = (t: string) => TYPES.has(t);`,
    `import { validDomainRegex } from './regex'; export const isDomain = (d: string) => validDomainRegex.test(d);`,
    `import { ScoreSchema } from './schemas'; export function validateScore(input: unknown) { return ScoreSchema.parse(input); }`,
    `import { Registry } from './registry'; export function isRunning(key: string) { return Registry.animations.has(key); }`,
    `const ids = ['a', 'b']; export const hasId = (id: string) => ids.includes(id);`,
    // a method of a package's object: an adapter
    `import { Schema } from 'mongoose'; const schema = new Schema({}); export function index(fields: object) { return schema.index(fields); }`,
    // every export of a 'use server' file is a server action
    `'use server';\nimport { save } from './repo';\nexport async function saveInvoice(data: FormData) { return save(data); }`,
    // functions nested in other functions are callbacks, not layers
    `import { find } from './repo'; export function loadAll(ids: string[]) { const load = (id: string) => find(id); return ids.map(load); }`,
    // methods of classes that implement or extend: required by the contract
    `import { find } from './repo'; export class Repo implements Finder { find(id: string) { return find(id); } }`,
    // decorated methods: the decorator is the job
    `import { find } from './repo'; export class Api { @Get() find(id: string) { return find(id); } }`,
    // test files, by name or by content
    `import { find } from './repo'; const rows = (id: string) => find(id); describe('rows', () => { it('finds', () => rows('1')); });`,
    { code: `import { find } from './repo'; export function load(id: string) { return find(id); }`, filename: 'src/repo.test.ts' },
  ],
  invalid: [
    {
      code: `import { find } from './repo';\nexport function loadInvoice(id: string) {\n  return find(id);\n}`,
      errors: [{ messageId: 'passThrough', line: 2, column: 17, endLine: 2, endColumn: 28, data: { name: 'loadInvoice', target: 'find' } }],
    },
    {
      code: `import { invoiceRepo } from '@/data/invoices';\nexport const loadAll = async (page: number, size: number) => await invoiceRepo.list(page, size);`,
      errors: [{ messageId: 'passThrough', line: 2, column: 14, endLine: 2, endColumn: 21 }],
    },
    {
      code: `function save(...items: string[]) { return 1; }\nconst persist = function (...items: string[]) { save(...items); };`,
      errors: [{ messageId: 'passThrough', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      // a method of a plain class that forwards to a project function
      code: `import { find } from './repo';\nexport class InvoiceApi {\n  load(id: string) { return find(id); }\n}`,
      errors: [
        { messageId: 'passThrough', line: 3, column: 3, endLine: 3, endColumn: 7, data: { name: 'InvoiceApi.load', target: 'find' } },
      ],
    },
    {
      // a workspace package is part of the project when the modules settings know it
      code: `import { find } from '@acme/data';\nexport const loadOrder = (id: string) => find(id);`,
      settings: {
        plumbline: { modules: { mappings: [], packages: [{ name: '@acme/data', dir: 'packages/data', entries: [], private: true }] } },
      },
      errors: [{ messageId: 'passThrough', line: 2, column: 14, endLine: 2, endColumn: 23 }],
    },
    {
      code: `import { format } from 'date-fns';\nexport function formatDate(d: Date, f: string) { return format(d, f); }`,
      options: [{ includePackageTargets: true }],
      errors: [{ messageId: 'passThrough', line: 2, column: 17, endLine: 2, endColumn: 27 }],
    },
  ],
});
