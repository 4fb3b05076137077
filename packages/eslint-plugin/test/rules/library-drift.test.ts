import { join } from 'node:path';
import rule from '../../src/rules/library-drift.js';
import { ruleTester } from '../rule-tester.js';

// a project with a declared decision (plumbline.config.json) and the conventions a scan cached (cache/conventions.json)
const root = join(import.meta.dirname, '../../../../fixtures/drift/editor');
const file = (name = 'src/feature.ts') => join(root, name);

ruleTester().run('library-drift', rule, {
  valid: [
    // the convention itself: the project's client, and a project module in general
    { code: `import { api } from './api/client';\nexport const users = () => api.get('/users');`, filename: file() },
    // types do not choose a library
    { code: `import type { KyInstance } from 'ky';\nexport type Client = KyInstance;`, filename: file() },
    // the declared choice
    { code: `import dayjs from 'dayjs';\nexport const d = dayjs();`, filename: file() },
    // a role split evenly has no convention yet
    { code: `import { v4 } from 'uuid';\nexport const id = v4();`, filename: file() },
    // methods, parameters and locals named fetch are not the fetch API
    {
      code: `class Store { fetch() { return 1; } load() { return this.fetch(); } }\nexport function run(fetch: () => void) { fetch(); }\nexport const s = new Store();`,
      filename: file(),
    },
    { code: `import fetch from './my-fetch';\nexport const r = fetch('/x');`, filename: file() },
    // the wrapper's own file uses its library by design
    { code: `export const api = { get: (path: string) => fetch(\`/api\${path}\`) };`, filename: file('src/api/client.ts') },
    // brand logos, and the icons of a file that takes its brand logos from the same package, choose nothing
    { code: `import { FcGoogle } from 'react-icons/fc';\nexport const g = FcGoogle;`, filename: file() },
    {
      code: `import { FaIdCardClip } from 'react-icons/fa6';\nimport { FcGoogle } from 'react-icons/fc';\nexport const i = [FcGoogle, FaIdCardClip];`,
      filename: file(),
    },
    // importing only an error class chooses nothing
    { code: `import { HTTPError } from 'ky';\nexport const isKy = (e: unknown) => e instanceof HTTPError;`, filename: file() },
    // a file the last scan left alone for the role (server code beside a browser client)
    { code: `import ky from 'ky';\nexport const k = ky.get('https://auth.example.com');`, filename: file('src/server/oauth.ts') },
    // tests are judged by the test-runner role only
    { code: `import ky from 'ky';\nexport const k = ky;`, filename: file('src/feature.test.ts') },
    // outside a project with a cache or decisions: quiet
    {
      code: `import ky from 'ky';\nimport moment from 'moment';\nexport const k = [ky, moment];`,
      filename: join(import.meta.dirname, 'nowhere/file.ts'),
    },
  ],
  invalid: [
    {
      code: `import { FaUsers } from 'react-icons/fa6';\nexport const u = FaUsers;`,
      filename: file(),
      errors: [
        {
          messageId: 'convention',
          line: 1,
          data: { choice: 'react-icons', role: 'icon set', convention: 'lucide-react', files: 40, share: '93 %' },
        },
      ],
    },
    {
      code: `import ky from 'ky';\nexport const k = ky.get('/x');`,
      filename: file(),
      errors: [
        {
          messageId: 'convention',
          line: 1,
          column: 16,
          endLine: 1,
          endColumn: 20,
          data: { choice: 'ky', role: 'HTTP client', convention: 'src/api/client (api)', files: 41, share: '89 %' },
        },
      ],
    },
    {
      code: `export async function load() {\n  const res = await window.fetch('/api/reports');\n  return res.json();\n}`,
      filename: file(),
      errors: [{ messageId: 'convention', line: 2, column: 21, endLine: 2, endColumn: 33 }],
    },
    {
      code: `import moment from 'moment';\nconst legacy = require('moment-timezone');\nexport const m = [moment, legacy];`,
      filename: file(),
      errors: [
        {
          messageId: 'migration',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 28,
          data: { choice: 'moment', role: 'date library', convention: 'dayjs', decision: 'ADR-7 (docs/adr/7.md)' },
        },
      ],
    },
    {
      code: `import { addDays } from 'date-fns';\nexport const d = addDays(new Date(), 1);`,
      filename: file(),
      errors: [
        {
          messageId: 'decision',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 35,
          data: { choice: 'date-fns', role: 'date library', convention: 'dayjs', decision: 'ADR-7 (docs/adr/7.md)' },
        },
      ],
    },
  ],
});
