// The editor's path: ESLint's Node API linting an unsaved buffer with lintText, in a fixture project with
// its own eslint.config.js (which imports the built plugin: run `npm run build` first, as `npm test` does).
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { scan } from '@plumbline/cli';
import { blobHash } from '@plumbline/core';
import type { Finding, ProjectFindingsCache } from '@plumbline/core';

const fixture = join(import.meta.dirname, '../../../fixtures/editor/basic');
const cacheDir = join(fixture, '.plumbline/cache');
const cacheFile = join(cacheDir, 'project-findings.json');
const PAY = 'src/features/billing/PayButton.tsx';
const payText = readFileSync(join(fixture, PAY), 'utf8');
const RULE = '@plumbline/project-findings';

function finding(file: string, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'duplicate-component',
    category: 'duplication',
    severity: 'warning',
    message: '`PayButton` is one of 2 copies of the same component.',
    file,
    line: 3,
    column: 17,
    endLine: 3,
    endColumn: 26,
    effortMinutes: 30,
    fingerprint: 'abc123',
    related: [{ file: 'src/features/checkout/ConfirmButton.tsx', line: 3, message: 'ConfirmButton' }],
    ...over,
  };
}

let mtime = 1_700_000_000;
function writeCache(files: ProjectFindingsCache['files'], raw?: string): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, raw ?? JSON.stringify({ version: 1, tool: 'test', root: fixture, files } satisfies ProjectFindingsCache));
  utimesSync(cacheFile, mtime, ++mtime); // a distinct mtime per write, as successive scans have
}

async function lint(text: string, file = PAY) {
  const eslint = new ESLint({ cwd: fixture });
  const [result] = await eslint.lintText(text, { filePath: join(fixture, file) });
  return result!.messages;
}
const projectMessages = async (text: string, file = PAY) => (await lint(text, file)).filter((m) => m.ruleId === RULE);

afterAll(() => rmSync(join(fixture, '.plumbline'), { recursive: true, force: true }));

describe('project-findings, linted through the ESLint Node API as an editor does', () => {
  beforeEach(() => rmSync(join(fixture, '.plumbline'), { recursive: true, force: true }));

  it('reports the cached finding at its place while the buffer is what the analyzer saw', async () => {
    writeCache({ [PAY]: { hash: blobHash(Buffer.from(payText)), findings: [finding(PAY)] } });
    const messages = await projectMessages(payText);
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect({
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      messageId: m.messageId,
      severity: m.severity,
    }).toEqual({
      line: 3,
      column: 17,
      endLine: 3,
      endColumn: 26,
      messageId: 'projectFinding',
      severity: 1,
    });
    expect(payText.split('\n')[2]!.slice(16, 25)).toBe('PayButton');
    expect(m.message).toContain('duplicate-component');
    expect(m.message).toContain('rules/duplicate-component.md');
    expect(m.message).toContain('Also: src/features/checkout/ConfirmButton.tsx:3');
  });

  it('goes quiet as soon as the unsaved buffer differs, while per-file rules keep working', async () => {
    writeCache({ [PAY]: { hash: blobHash(Buffer.from(payText)), findings: [finding(PAY)] } });
    const edited = payText.replace('export function PayButton', '\nexport function PayButton');
    expect(await projectMessages(edited)).toEqual([]);
    const wrapper = `import { request } from './client';\n\nexport function fetchInvoice(path: string, init?: RequestInit) {\n  return request(path, init);\n}\n`;
    const perFile = (await lint(`${wrapper}// unsaved edit\n`, 'src/api/invoices.ts')).map((m) => m.ruleId);
    expect(perFile).toContain('@plumbline/pass-through-function');
  });

  it('judges the buffer, not the file on disk: an unsaved buffer equal to the scanned content is reported', async () => {
    const scanned = `${payText}// scanned version\n`;
    writeCache({ [PAY]: { hash: blobHash(Buffer.from(scanned)), findings: [finding(PAY)] } });
    expect(await projectMessages(payText)).toEqual([]); // what is on disk differs from the scan
    expect(await projectMessages(scanned)).toHaveLength(1);
  });

  it('hashes the bytes the analyzer hashed: a byte-order mark and CRLF line ends count', async () => {
    const withBom = `\uFEFF${payText.replace(/\n/g, '\r\n')}`;
    writeCache({ [PAY]: { hash: blobHash(Buffer.from(withBom, 'utf8')), findings: [finding(PAY)] } });
    const messages = await projectMessages(withBom);
    expect(messages.map((m) => [m.line, m.column])).toEqual([[3, 17]]);
    expect(await projectMessages(payText)).toEqual([]);
  });

  it('picks up a rewritten cache without restarting the editor', async () => {
    writeCache({});
    const eslint = new ESLint({ cwd: fixture });
    const lintOnce = async () =>
      (await eslint.lintText(payText, { filePath: join(fixture, PAY) }))[0]!.messages.filter((m) => m.ruleId === RULE);
    expect(await lintOnce()).toEqual([]);
    writeCache({
      [PAY]: {
        hash: blobHash(Buffer.from(payText)),
        findings: [finding(PAY), finding(PAY, { line: 4, column: 9, endLine: 4, endColumn: 14, ruleId: 'hard-coded-color', related: [] })],
      },
    });
    expect((await lintOnce()).map((m) => [m.line, m.column])).toEqual([
      [3, 17],
      [4, 9],
    ]);
  });

  it('stays quiet without a cache, with a damaged one, of another version, and for files it does not list', async () => {
    expect(await projectMessages(payText)).toEqual([]);
    writeCache({}, '{ not json');
    expect(await projectMessages(payText)).toEqual([]);
    writeCache({}, JSON.stringify({ version: 2, files: { [PAY]: { hash: blobHash(Buffer.from(payText)), findings: [finding(PAY)] } } }));
    expect(await projectMessages(payText)).toEqual([]);
    writeCache({ 'src/other.tsx': { hash: blobHash(Buffer.from(payText)), findings: [finding('src/other.tsx')] } });
    expect(await projectMessages(payText)).toEqual([]);
  });

  it('never reports outside the text, whatever the cache says', async () => {
    const lines = payText.split('\n').length;
    writeCache({
      [PAY]: {
        hash: blobHash(Buffer.from(payText)),
        findings: [
          finding(PAY, { line: lines + 5, endLine: lines + 6 }),
          finding(PAY, { line: 1, column: 500, endLine: 1, endColumn: 900 }),
        ],
      },
    });
    const messages = await projectMessages(payText);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.line).toBe(1);
    expect(messages[0]!.column).toBe(payText.split('\n')[0]!.length + 1);
  });

  it('end to end: plumbline scan writes the cache, and the editor shows exactly its project-wide findings', async () => {
    scan({ root: fixture }); // what `plumbline scan` does (the test-only import; the plugin never loads the analyzer)
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as ProjectFindingsCache;
    const files = Object.entries(cache.files);
    expect(files.map(([file, e]) => [file, e.findings.map((f) => f.ruleId)])).toContainEqual([
      'src/features/billing/invoice-service.ts',
      ['wrapper-chain'],
    ]);
    // the other links of the chain show it in their own files, pointing at where it is reported
    expect(
      files.filter(([, e]) => e.findings.some((f) => f.message.includes('(finding at src/features/billing/invoice-service.ts:'))).length,
    ).toBeGreaterThan(0);
    for (const [file, entry] of files) {
      const text = readFileSync(join(fixture, file), 'utf8');
      const messages = await projectMessages(text, file);
      expect(messages.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual(
        entry.findings.map((f) => [f.line, f.column, f.endLine, f.endColumn]),
      );
      entry.findings.forEach((f, i) => expect(messages[i]!.message).toContain(f.message));
      expect(await projectMessages(`// a comment typed a moment ago\n${text}`, file)).toEqual([]);
    }
  });
});
