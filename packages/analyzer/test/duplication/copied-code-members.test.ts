import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@plumbline/core';
import { extractFileFacts } from '../../src/extract.js';
import { detector } from '../../src/detectors/copied-code.js';
import { decodeTokens } from '../../src/facts/clone-tokens.js';
import type { CloneTokenFacts } from '../../src/facts/clone-tokens.js';
import { decodeBits } from '../../src/facts/clone-tokens/shape.js';

const config = defaultConfig();

/** A route of one entity of a framework's shell: the same steps as its siblings over its own fields and services. */
const route = (entity: string, field: string, names = { input: 'input', ctx: 'ctx', page: 'page', rows: 'rows', total: 'total' }) => `
export const find${entity}Route = authenticatedProcedure
  .input(ZFind${entity}Request)
  .query(async ({ input: ${names.input}, ctx: ${names.ctx} }) => {
    const { ${field}: ${field}Value, page: ${names.page}, perPage } = ${names.input};
    const teamId = ${names.ctx}.teamId;
    ${names.ctx}.logger.info({ ${field}: ${field}Value, teamId });
    const ${names.rows} = await prisma.${entity.toLowerCase()}.findMany({
      where: { ${field}: ${field}Value, teamId, deletedAt: null },
      skip: (${names.page} - 1) * perPage,
      take: perPage,
    });
    const ${names.total} = await prisma.${entity.toLowerCase()}.count({ where: { ${field}: ${field}Value, teamId } });
    if (${names.total} === 0 && ${names.page} > 1) {
      throw new AppError(AppErrorCode.NOT_FOUND, { message: 'No such page' });
    }
    return { data: ${names.rows}.map((row) => ({ ...row, owner: row.${field} })), count: ${names.total}, perPage, page: ${names.page} };
  });
`;

function facts(path: string, text: string) {
  return extractFileFacts(path, path, text, config, {});
}

function copiedCode(files: Array<[string, string]>) {
  const all = files.map(([p, t]) => facts(p, t)).sort((a, b) => (a.path < b.path ? -1 : 1));
  return detector.detect({
    root: '/x',
    files: all,
    config,
    settings: {},
    options: <O extends object>(_: string, d: O) => d,
    enabled: () => true,
  } as unknown as Parameters<typeof detector.detect>[0]).findings;
}

const places = (f: { file: string; related: Array<{ file: string }> }) => [f.file, ...f.related.map((r) => r.file)].sort();

describe('copied-code: member names and shorthand keys in renamed-copy matching', () => {
  it('marks member names (properties, keys, shorthand keys, destructured fields, JSX attributes) and the `: value` of a key bound to a name', () => {
    // a unit of 10+ lines: only units carry marks
    const t = facts(
      'src/a.tsx',
      'export function f(p) {\n  const { email: to } = p;\n  const x = <Card title={p.user.name} {...{ total, sum: to }} />;\n' +
        '\n'.repeat(8) +
        '  return x;\n}\n',
    ).data['clone-tokens'] as CloneTokenFacts;
    const text =
      'export function f ( p ) { const { email : to } = p ; const x = < Card title = { p . user . name } { ... { total , sum : to } } / > ; return x ; }';
    const words = text.split(' ');
    expect(t.count).toBe(words.length);
    const members = decodeBits(t.members, t.count);
    const elided = decodeBits(t.elided, t.count);
    const marked = (bits: Uint8Array) => words.map((w, i) => (bits[i] ? `${w}@${i}` : null)).filter(Boolean);
    // `email` (a destructured field), `title` (a JSX attribute), `user` and `name` (properties), `total` (a shorthand key), `sum` (a key)
    expect(marked(members)).toEqual(['email@9', 'title@21', 'user@26', 'name@28', 'total@33', 'sum@35']);
    // `: to` after `email` and after `sum`: `{ email: to }` compares as `{ email }`
    expect(marked(elided)).toEqual([':@10', 'to@11', ':@36', 'to@37']);
    // the abstracted stream itself is unchanged: component-family's evidence reads it as before
    expect(decodeTokens(t, 'shape').length).toBe(t.count);
  });

  it('finds a renamed copy of a route whose shell a dozen siblings share, and leaves the siblings out, also two over the same fields', () => {
    const entities = ['Document', 'Template', 'Webhook', 'Folder', 'Recipient', 'Envelope', 'Token', 'Team', 'Member', 'Invite', 'Field'];
    const fields = [
      'documentId',
      'templateId',
      'webhookId',
      'folderId',
      'recipientId',
      'envelopeId',
      'tokenId',
      'teamSlug',
      'memberId',
      'inviteId',
      'fieldId',
    ];
    const files: Array<[string, string]> = entities.map((e, i) => [`src/routers/${e.toLowerCase()}/find.ts`, route(e, fields[i]!)]);
    // the document route copied into another feature with every local name changed
    const copy = route('Document', 'documentId', {
      input: 'request',
      ctx: 'context',
      page: 'pageNumber',
      rows: 'items',
      total: 'sum',
    }).replace('findDocumentRoute', 'findDocumentsForAdminRoute');
    files.push(['src/admin/find-documents.ts', copy]);
    // two siblings over the same field that differ only in their entity's word (`findDraftRoute`, `ZFindDraftRequest`
    // -> `findArchiveRoute`, `ZFindArchiveRequest`): the same route per entity, not a copy to extract
    files.push(
      ['src/routers/draft/find.ts', route('Draft', 'envelopeId')],
      ['src/routers/archive/find.ts', route('Archive', 'envelopeId')],
    );
    // and two routes of the shell over one field that call another service (`disableUser`, `enableUser`)
    const action = (verb: string) =>
      route('User', 'userId')
        .replace('findUserRoute', `${verb}UserRoute`)
        .replace('throw new AppError', `await ${verb}User({ userId: userIdValue });\n      throw new AppError`);
    files.push(['src/routers/admin/disable-user.ts', action('disable')], ['src/routers/admin/enable-user.ts', action('enable')]);
    const found = copiedCode(files);
    expect(found).toHaveLength(1);
    expect(places(found[0]!)).toEqual(['src/admin/find-documents.ts', 'src/routers/document/find.ts']);
    expect(found[0]!.message).toMatch(/copied with names changed in 2 places: .*names that differ: .*`context` -> `ctx`/);
  });

  it('finds a renamed copy that spells its shorthand keys out (`{ total }` -> `{ total: sum }`) as alike as the original', () => {
    const original = `
export function summarize(entries: Entry[], currency: string) {
  let total = 0;
  let count = 0;
  const byCustomer = new Map<string, number>();
  for (const entry of entries) {
    if (entry.status === 'void') continue;
    total += entry.amount;
    count++;
    byCustomer.set(entry.customerId, (byCustomer.get(entry.customerId) ?? 0) + entry.amount);
  }
  const top = [...byCustomer].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const average = count ? total / count : 0;
  const formatted = format({ total, average, currency });
  log({ total, count, top, currency });
  return { total, count, average, top, formatted, currency };
}
`;
    const renamed = original
      .replace('summarize', 'summarizeRows')
      .replace(/\bentries\b/g, 'rows')
      .replace(/\bentry\b/g, 'row')
      .replace(/\bbyCustomer\b/g, 'perClient')
      .replace('format({ total, average, currency })', 'format({ total: sum, average: mean, currency: unit })')
      .replace('log({ total, count, top, currency })', 'log({ total: sum, count: n, top: best, currency: unit })')
      .replace(
        'return { total, count, average, top, formatted, currency }',
        'return { total: sum, count: n, average: mean, top: best, formatted: text, currency: unit }',
      )
      .replace(/\btotal\b(?!:)/g, 'sum')
      .replace(/\bcount\b(?!:)/g, 'n')
      .replace(/\baverage\b(?!:)/g, 'mean')
      .replace(/\btop\b(?!:)/g, 'best')
      .replace(/\bformatted\b(?!:)/g, 'text')
      .replace(/\bcurrency\b(?!:)/g, 'unit');
    const found = copiedCode([
      ['src/reports/summary.ts', original],
      ['src/orders/sums.ts', renamed],
    ]);
    expect(found).toHaveLength(1);
    expect(places(found[0]!)).toEqual(['src/orders/sums.ts', 'src/reports/summary.ts']);
    expect(found[0]!.message).toMatch(/is copied with names changed in 2 places/);
  });
});
