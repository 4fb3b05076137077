import rule from '../../src/rules/middle-man.js';
import { ruleTester } from '../rule-tester.js';

const SERVICE = `import { InvoiceRepo } from './repo';
export class InvoiceService {
  constructor(private readonly repo: InvoiceRepo) {}
  find(id: string) { return this.repo.find(id); }
  async list(page: number, size: number) { return await this.repo.list(page, size); }
  remove(id: string) { return this.repo.remove(id); }
  get count() { return this.repo.count; }
}`;

ruleTester().run('middle-man', rule, {
  valid: [
    // behaviour in most methods
    `import { InvoiceRepo } from './repo';
export class InvoiceService {
  constructor(private readonly repo: InvoiceRepo) {}
  find(id: string) { return this.repo.find(id); }
  async list(page: number) { const rows = await this.repo.list(page, 20); return rows.filter((r) => r.open); }
  remove(id: string) { if (!id) throw new Error('id'); return this.repo.remove(id); }
}`,
    // computes arguments
    `import { Repo } from './repo';
export class S { constructor(private r: Repo) {} a(x: string) { return this.r.a(x.trim()); } b(x: string) { return this.r.b({ x }); } c() { return this.r.c(Date.now()); } }`,
    // too few methods
    `import { Repo } from './repo'; export class S { constructor(private r: Repo) {} a(x: string) { return this.r.a(x); } b(x: string) { return this.r.b(x); } }`,
    // delegates to several collaborators
    `import { A, B } from './x'; export class S { constructor(private a: A, private b: B) {} f(x: string) { return this.a.f(x); } g(x: string) { return this.b.g(x); } h(x: string) { return this.a.h(x); } i(x: string) { return this.b.i(x); } }`,
    // an adapter to a package's object
    `import Redis from 'ioredis';
export class Cache { constructor(private redis: Redis) {} get(k: string) { return this.redis.get(k); } set(k: string, v: string) { return this.redis.set(k, v); } del(k: string) { return this.redis.del(k); } }`,
    // implements a contract, or extends a base class
    `import { Repo } from './repo'; export class S implements Port { constructor(private r: Repo) {} a(x: string) { return this.r.a(x); } b(x: string) { return this.r.b(x); } c(x: string) { return this.r.c(x); } }`,
    // decorated methods (routes, handlers) are jobs
    `import { InvoiceService } from './svc';
export class InvoiceController {
  constructor(private svc: InvoiceService) {}
  @Get(':id') find(@Param('id') id: string) { return this.svc.find(id); }
  @Get() list() { return this.svc.list(); }
  @Delete(':id') remove(@Param('id') id: string) { return this.svc.remove(id); }
}`,
    // the constructor chooses the collaborator: a facade over a strategy
    `import { pick } from './providers';
export class Jobs { private p: Provider; constructor(name: string) { this.p = pick(name); } trigger(o: Options) { return this.p.trigger(o); } handler() { return this.p.handler(); } start() { this.p.start(); } }`,
    // a record of data, not a service
    `import { api } from './api'; export const routes = { home: '/', list: (p: number) => api.list(p), get: (id: string) => api.get(id), del: (id: string) => api.del(id) };`,
    // test files
    { code: SERVICE, filename: 'src/invoice.service.spec.ts' },
  ],
  invalid: [
    {
      code: SERVICE,
      errors: [
        {
          messageId: 'middleMan',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 28,
          data: { name: 'InvoiceService', delegating: 4, total: 4, collaborator: 'this.repo', members: 'find, list, remove, count' },
        },
      ],
    },
    {
      code: `import { invoiceRepo } from './repo';
export const invoiceService = {
  load: (id: string) => invoiceRepo.find(id),
  save(invoice: Invoice) { return invoiceRepo.save(invoice); },
  remove: async (id: string) => { await invoiceRepo.remove(id); },
  total(id: string) { return invoiceRepo.sum(id); },
  format(id: string) { return \`#\${id}\`; },
};`,
      errors: [
        {
          messageId: 'middleMan',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 28,
          data: { name: 'invoiceService', delegating: 4, total: 5, collaborator: 'invoiceRepo', members: 'load, save, remove, total' },
        },
      ],
    },
    {
      // all methods required with minShare 1: four of five is not enough
      code: `import { Repo } from './repo';
export class S { constructor(private r: Repo) {} a(x: string) { return this.r.a(x); } b(x: string) { return this.r.b(x); } c(x: string) { return this.r.c(x); } d(x: string) { return this.r.d(x); } }`,
      options: [{ minShare: 1, minMethods: 4, includePackageCollaborators: false }],
      errors: [{ messageId: 'middleMan', line: 2, column: 14, endLine: 2, endColumn: 15 }],
    },
  ],
});
