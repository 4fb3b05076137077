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
      code: `import { format } from 'date-fns';\nexport function formatDate(d: Date, f: string) { return format(d, f); }`,
      options: [{ includePackageTargets: true }],
      errors: [{ messageId: 'passThrough', line: 2, column: 17, endLine: 2, endColumn: 27 }],
    },
  ],
});
