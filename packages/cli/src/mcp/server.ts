import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { VERSION } from '@plumbline/core';
import type { AnalysisOptions } from '../conventions/analysis.js';
import { checkCode, similarCode } from './check-code.js';
import { conventionFor } from './convention.js';
import { MAX_CONTENT_CHARS, repositoryPath, ToolError } from './errors.js';
import { findComponent } from './find-component.js';
import { findExistingCode } from './find-existing.js';
import { nearestToken } from './nearest-token.js';
import { Session } from './session.js';
import { GuardedStdioTransport } from './transport.js';

export const CONVENTIONS_URI = 'plumbline://conventions';

/** A tool's answer: its result as structured content and as JSON text; bad input as an error result holding `{ error: { code, message } }`. */
function respond(compute: () => object): CallToolResult {
  try {
    const result = compute();
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result as Record<string, unknown> };
  } catch (e) {
    const error =
      e instanceof ToolError
        ? { code: e.code, message: e.message }
        : { code: 'internal', message: `plumbline could not answer: ${(e as Error).message ?? String(e)}` };
    // as JSON text: clients check structuredContent against the tool's output schema, errors included
    return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }] };
  }
}

const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);
const place = z.object({ file: z.string(), line: z.number() }).loose();
const duplicate = loose({ line: z.number(), endLine: z.number(), places: z.array(place), message: z.string() });

/** `find_existing_code`: the existing function, hook or component a snippet or a named unit of a file duplicates. */
function registerFindExistingCode(server: McpServer, session: Session): void {
  server.registerTool(
    'find_existing_code',
    {
      title: 'Find the existing function, hook or component that code duplicates',
      description:
        'Before writing a function, hook or component (or right after): given its code as a snippet, or a file path and the name of a function in that file, returns the existing function, hook or component it duplicates (exact, renamed or edited copies, as copied-code matches them), its place and the similarity, so that it is reused instead of written again.',
      inputSchema: {
        snippet: z.string().optional().describe('the code of the function, hook or component'),
        path: z.string().optional().describe('instead of a snippet: a file in the repository...'),
        name: z.string().optional().describe('...and the name of the function, hook or component in it'),
      },
      outputSchema: loose({
        query: loose({ name: z.string().nullable() }),
        found: z.boolean(),
        existing: z.array(
          loose({ name: z.string().nullable(), kind: z.string(), file: z.string(), line: z.number(), similarity: z.number() }),
        ),
        advice: z.string(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ snippet, path, name }) =>
      respond(() =>
        findExistingCode(session.current(), {
          ...(snippet !== undefined ? { snippet } : {}),
          ...(path !== undefined ? { path } : {}),
          ...(name !== undefined ? { name } : {}),
        }),
      ),
  );
}

/** The MCP server over a repository: six tools and the conventions resource. Reads only inside `root`. */
export function createServer(options: AnalysisOptions): { server: McpServer; session: Session } {
  const session = new Session(options);
  const server = new McpServer({ name: 'plumbline', version: VERSION }, { capabilities: { tools: {}, resources: {} } });
  const root = () => session.current().root;

  server.registerTool(
    'find_component',
    {
      title: 'Find the design-system component',
      description:
        'Given a raw element (`button`), a component name (`PrimaryBtn`) or a JSX snippet (`<button type="submit">`), returns the design-system component to use, its import and props, and the local variants not to copy.',
      inputSchema: { query: z.string().describe('an element name, a component name or a JSX snippet') },
      outputSchema: loose({
        query: z.string(),
        found: z.boolean(),
        advice: z.string(),
        component: loose({ name: z.string(), import: z.string() }).optional(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query }) => respond(() => findComponent(root(), session.designSystem(), query)),
  );

  server.registerTool(
    'nearest_token',
    {
      title: 'Find the design token for a value',
      description:
        'Given a CSS value (`#1f5ad1`, `8px 16px`, `200ms`) and the property it is for (`background`, `padding`), returns the design token(s) it matches or is near, and how to write each in this codebase.',
      inputSchema: {
        value: z.string().describe('the CSS value'),
        property: z.string().describe('the CSS property, kebab or camel case (`background`, `fontSize`)'),
        file: z.string().optional().describe('the file it is for (tokens of a workspace package apply to its own files)'),
      },
      outputSchema: loose({
        property: z.string(),
        value: z.string(),
        matches: z.array(loose({ text: z.string(), kind: z.string() })),
        advice: z.string(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ value, property, file }) =>
      respond(() => {
        const a = session.current();
        return nearestToken(a.settings, { value, property, ...(file !== undefined ? { file: repositoryPath(a.root, file) } : {}) });
      }),
  );

  server.registerTool(
    'convention',
    {
      title: 'The convention of a role',
      description:
        'Given a role (http, dates, state, forms, validation, styling, icons, tests, ...) or an idiom (component-declaration, async-style), returns the library or wrapper this repository uses for it, the decision behind it, and the choices not to add.',
      inputSchema: { role: z.string().describe('a role or idiom id, an everyday word for it, or a library of the role') },
      outputSchema: loose({ role: z.string(), status: z.string(), advice: z.string(), avoid: z.array(loose({ label: z.string() })) }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ role }) => respond(() => conventionFor(session.current(), role)),
  );

  server.registerTool(
    'check_code',
    {
      title: 'Check proposed code',
      description: `Given a file path in the repository and its proposed content (at most ${MAX_CONTENT_CHARS} characters), returns the findings plumbline would report on it, each marked new or not, and the blocks that duplicate existing code, with places. Nothing is written.`,
      inputSchema: {
        path: z.string().describe('the file path, relative to the repository root'),
        content: z.string().describe('the whole proposed file content'),
      },
      outputSchema: loose({
        path: z.string(),
        findings: z.array(loose({ ruleId: z.string(), message: z.string(), line: z.number() })),
        duplicates: z.array(duplicate),
        summary: z.string(),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ path, content }) =>
      respond(() => {
        const a = session.current();
        return checkCode(a, repositoryPath(a.root, path, { sourceFile: true }), content);
      }),
  );

  server.registerTool(
    'similar_code',
    {
      title: 'Find existing code a snippet duplicates',
      description: `Given a code snippet (at most ${MAX_CONTENT_CHARS} characters), returns the places in the repository that already hold the same code (copied-code detection, token based).`,
      inputSchema: {
        snippet: z.string().describe('the code'),
        language: z.enum(['ts', 'tsx', 'css', 'scss']).optional().describe('its language (default tsx)'),
        minTokens: z
          .number()
          .int()
          .min(20)
          .max(10000)
          .optional()
          .describe("smallest copy compared, in tokens (default: the project's copied-code minTokens, 100)"),
      },
      outputSchema: loose({ tokens: z.number(), minTokens: z.number(), duplicates: z.array(duplicate), summary: z.string() }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ snippet, language, minTokens }) =>
      respond(() =>
        similarCode(session.current(), snippet, { ...(language ? { language } : {}), ...(minTokens !== undefined ? { minTokens } : {}) }),
      ),
  );

  registerFindExistingCode(server, session);

  server.registerResource(
    'conventions',
    CONVENTIONS_URI,
    {
      title: 'Conventions of this repository',
      description: 'What `plumbline conventions` writes to AGENTS.md: the measured conventions.',
      mimeType: 'text/markdown',
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: session.conventionsText() }] }),
  );
  return { server, session };
}

/** `plumbline mcp`: serves the repository over stdio until the client closes stdin. Diagnostics go to stderr. */
export async function serveStdio(options: AnalysisOptions, log: (line: string) => void): Promise<void> {
  const { server, session } = createServer(options);
  const transport = new GuardedStdioTransport();
  // a failure inside one request must not end the server: it is logged and the next request is served
  const onFault = (e: unknown) => log(`plumbline mcp: ${(e as Error)?.stack ?? String(e)}`);
  process.on('uncaughtException', onFault);
  process.on('unhandledRejection', onFault);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  // the first analysis of a large repository takes a while: start it once the client is initialised
  server.server.oninitialized = () =>
    setImmediate(() => {
      try {
        session.current();
      } catch (e) {
        onFault(e);
      }
    });
  await server.connect(transport);
  await closed;
  process.off('uncaughtException', onFault);
  process.off('unhandledRejection', onFault);
}
