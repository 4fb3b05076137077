import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrackets } from '../src/mcp/check-code.js';
import { GuardedStdioTransport } from '../src/mcp/transport.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(REPO, 'packages/cli/bin/plumbline.js');
const dirs: string[] = [];

function northwind(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-mcp-'));
  dirs.push(dir);
  cpSync(join(REPO, 'fixtures/northwind'), dir, { recursive: true, filter: (src) => !src.includes('.plumbline') });
  return dir;
}

/** Every file under a directory with its bytes, but the scan cache (the server may keep its cache there). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f.startsWith('.plumbline')) continue;
    const p = join(dir, f);
    try {
      out.set(f, readFileSync(p, 'latin1'));
    } catch {
      // a directory
    }
  }
  return out;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Result = { structuredContent?: Record<string, unknown>; isError?: boolean; content: Array<{ type: string; text?: string }> };
const errorOf = (r: Result) => JSON.parse(r.content[0]!.text!) as { error: { code: string; message: string } };

describe('plumbline mcp, driven by the SDK client over stdio on northwind', () => {
  let root: string;
  let client: Client;
  let before: Map<string, string>;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;

  beforeAll(async () => {
    expect(existsSync(join(REPO, 'packages/cli/dist/mcp/server.js')), 'run `npm run build` first').toBe(true);
    root = northwind();
    before = snapshot(root);
    client = new Client({ name: 'plumbline-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', root], stderr: 'pipe' }));
  });

  afterAll(async () => {
    await client?.close();
  });

  it('lists the six tools, each with input and output schemas, and the conventions resource', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'check_code',
      'convention',
      'find_component',
      'find_existing_code',
      'nearest_token',
      'similar_code',
    ]);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
    }
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['plumbline://conventions']);
  });

  it('find_component: a raw <button> and the local PrimaryBtn both lead to Button, with its import, props and the local variants', async () => {
    for (const query of ['<button type="button" onClick={save}>Save</button>', 'PrimaryBtn']) {
      const r = (await call('find_component', { query })).structuredContent as {
        found: boolean;
        component: { name: string; import: string; props: Array<{ name: string }>; extends: string[] };
        localVariantsToAvoid: Array<{ name: string; file: string }>;
      };
      expect(r.found).toBe(true);
      expect(r.component.name).toBe('Button');
      expect(r.component.import).toBe("import { Button } from '@northwind/design';");
      expect(r.component.props.map((p) => p.name)).toEqual(['variant', 'size', 'loading']);
      expect(r.component.extends).toEqual(['ButtonHTMLAttributes<HTMLButtonElement>']);
      expect(r.localVariantsToAvoid.map((v) => v.name)).toEqual(['PrimaryBtn', 'BlueButton', 'SubmitButton', 'ActionButton', 'CtaButton']);
    }
    const h2 = (await call('find_component', { query: 'h2' })).structuredContent as { component: { name: string } };
    expect(h2.component.name).toBe('Heading');
    const none = (await call('find_component', { query: '<table>' })).structuredContent as { found: boolean; available: string[] };
    expect(none.found).toBe(false);
    expect(none.available).toContain('Button');
  });

  it('nearest_token: #1f5ad1 in background is the action color, written as its variable', async () => {
    const r = (await call('nearest_token', { value: '#1f5ad1', property: 'background' })).structuredContent as {
      matches: Array<{ kind: string; tokens: Array<{ path: string; write: { css?: string; object?: string } }> }>;
    };
    expect(r.matches[0]!.kind).toBe('exact');
    expect(r.matches[0]!.tokens[0]!.write.css).toBe('var(--nw-color-action-primary)');
    expect(r.matches[0]!.tokens[0]!.write.object).toBe("'var(--nw-color-action-primary)'");
    const near = (await call('nearest_token', { value: '#1e59d0', property: 'backgroundColor' })).structuredContent as {
      matches: Array<{ kind: string; tokens: Array<{ value: string }> }>;
    };
    expect(near.matches[0]!.kind).toBe('near');
    expect(near.matches[0]!.tokens[0]!.value).toBe('#1f5ad1');
  });

  it('convention: the date library is dayjs (moment not to be added); HTTP goes through apiClient by ADR-001', async () => {
    const dates = (await call('convention', { role: 'dates' })).structuredContent as {
      use: { choice: string };
      avoid: Array<{ choice: string }>;
    };
    expect(dates.use.choice).toBe('dayjs');
    expect(dates.avoid.map((a) => a.choice)).toEqual(['moment']);
    const http = (await call('convention', { role: 'axios' })).structuredContent as {
      status: string;
      use: { wrapper: { name: string; file: string } };
      decision: { id: string };
    };
    expect(http.status).toBe('decision');
    expect(http.use.wrapper).toMatchObject({ name: 'apiClient', file: 'apps/web/src/api/client.ts' });
    expect(http.decision.id).toBe('ADR-001');
  });

  it('check_code: a new file copying the address validation is a duplicate of ShippingForm and AddressBook; its hex color is a finding', async () => {
    const shipping = readFileSync(join(root, 'apps/web/src/features/checkout/ShippingForm.tsx'), 'utf8');
    const content = `${shipping}\nexport function Warning() {\n  return <p style={{ color: '#c9343a' }}>Check the address</p>;\n}\n`;
    const r = (await call('check_code', { path: 'apps/web/src/features/orders/ReturnForm.tsx', content })).structuredContent as {
      exists: boolean;
      findings: Array<{ ruleId: string; new: boolean }>;
      duplicates: Array<{ places: Array<{ file: string }> }>;
    };
    expect(r.exists).toBe(false);
    expect(r.duplicates[0]!.places.map((p) => p.file)).toEqual([
      'apps/web/src/features/account/AddressBook.tsx',
      'apps/web/src/features/checkout/ShippingForm.tsx',
    ]);
    expect(r.findings.some((f) => f.ruleId === 'hard-coded-style-value' && f.new)).toBe(true);
    expect(existsSync(join(root, 'apps/web/src/features/orders/ReturnForm.tsx'))).toBe(false);
  });

  it('similar_code: the validation block names its copies', async () => {
    const lines = readFileSync(join(root, 'apps/web/src/features/checkout/ShippingForm.tsx'), 'utf8').split('\n');
    const r = (await call('similar_code', { snippet: lines.slice(4, 43).join('\n') })).structuredContent as {
      duplicates: Array<{ places: Array<{ file: string; line: number }> }>;
    };
    expect(r.duplicates[0]!.places).toEqual([
      expect.objectContaining({ file: 'apps/web/src/features/account/AddressBook.tsx', line: 9 }),
      expect.objectContaining({ file: 'apps/web/src/features/checkout/ShippingForm.tsx', line: 5 }),
    ]);
  });

  it('similar_code: a block cut out of a function (brackets left open) is still compared', async () => {
    const lines = readFileSync(join(root, 'apps/web/src/features/checkout/ShippingForm.tsx'), 'utf8').split('\n');
    const cut = lines.slice(4, 40).join('\n');
    expect(closeBrackets(cut)).not.toBe(cut);
    const r = (await call('similar_code', { snippet: cut })).structuredContent as {
      duplicates: Array<{ places: Array<{ file: string }> }>;
      error?: string;
    };
    expect(r.error).toBeUndefined();
    expect(r.duplicates[0]!.places.map((p) => p.file)).toContain('apps/web/src/features/account/AddressBook.tsx');
  });

  it('similar_code: a snippet cut in the middle of its JSX is compared up to its last line that parses', async () => {
    const lines = readFileSync(join(root, 'apps/web/src/features/checkout/ShippingForm.tsx'), 'utf8').split('\n');
    const r = (await call('similar_code', { snippet: lines.slice(4, 75).join('\n') })).structuredContent as {
      compared: { firstLine: number; lastLine: number };
      duplicates: Array<{ line: number; places: Array<{ file: string; line: number }> }>;
      error?: string;
    };
    expect(r.error).toBeUndefined();
    expect(r.compared.firstLine).toBe(1);
    expect(r.compared.lastLine).toBeLessThan(66);
    expect(r.duplicates[0]!.line).toBe(1);
    expect(r.duplicates[0]!.places).toContainEqual(
      expect.objectContaining({ file: 'apps/web/src/features/account/AddressBook.tsx', line: 9 }),
    );
  });

  it('serves the conventions section as a resource', async () => {
    const r = await client.readResource({ uri: 'plumbline://conventions' });
    const text = (r.contents[0] as { text: string }).text;
    expect(text).toContain('<!-- plumbline:conventions:begin -->');
    expect(text).toContain('Use `Button` from `@northwind/design`');
  });

  it('answers bad input with structured errors and reads nothing outside the repository', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'plumbline-mcp-outside-'));
    dirs.push(outside);
    writeFileSync(join(outside, 'secret.ts'), 'export const SECRET = 1;\n');
    symlinkSync(outside, join(root, 'linked'));
    for (const path of ['../secret.ts', join(outside, 'secret.ts'), 'linked/secret.ts']) {
      const r = await call('check_code', { path, content: 'export const a = 1;\n' });
      expect(r.isError).toBe(true);
      expect(errorOf(r).error.code).toBe('outside-repository');
    }
    const huge = await call('similar_code', { snippet: 'const a = 1;\n'.repeat(30_000) });
    expect(errorOf(huge).error.code).toBe('too-large');
    const role = await call('convention', { role: 'astrology' });
    expect(errorOf(role).error).toMatchObject({ code: 'unknown-role' });
    expect(errorOf(role).error.message).toContain('roles: http, dates');
    const token = await call('nearest_token', { value: '#fff', property: 'background', file: '../../etc/passwd' });
    expect(errorOf(token).error.code).toBe('outside-repository');
    const existing = await call('find_existing_code', { path: 'linked/secret.ts', name: 'SECRET' });
    expect(errorOf(existing).error.code).toBe('outside-repository');
    const neither = await call('find_existing_code', {});
    expect(errorOf(neither).error.code).toBe('bad-input');
    // the server is still up, and the repository is as it was
    expect((await client.listTools()).tools).toHaveLength(6);
    rmSync(join(root, 'linked'));
    expect(snapshot(root)).toEqual(before);
  });
});

describe('malformed JSON-RPC', () => {
  it('the server answers a parse error and an invalid request, then serves the next request', async () => {
    const root = northwind();
    const child = spawn(process.execPath, [CLI, 'mcp', root], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const lines = () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: unknown; error?: { code: number }; result?: unknown });
    child.stdin.write('{this is not json\n');
    child.stdin.write('{"jsonrpc":"2.0","id":7,"method":42}\n');
    child.stdin.write('[1,2,3]\n');
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
    );
    for (let i = 0; i < 200 && lines().length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    child.stdin.end();
    const got = lines();
    expect(got[0]).toMatchObject({ id: null, error: { code: -32700 } });
    expect(got[1]).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(got[2]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(got[3]).toMatchObject({ id: 1, result: { serverInfo: { name: 'plumbline' } } });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
  });

  it('the transport drops a message over its limit with an error and reads the next one', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const t = new GuardedStdioTransport(input, output, 100);
    const got: unknown[] = [];
    t.onmessage = (m) => got.push(m);
    await t.start();
    input.write(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(150)}`);
    input.write(`${'y'.repeat(80)}"}}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n`);
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([{ jsonrpc: '2.0', id: 2, method: 'ping' }]);
    expect(JSON.parse(String(output.read()).split('\n')[0]!)).toMatchObject({ id: null, error: { code: -32600 } });
    await t.close();
  });
});
