import rule from '../../src/rules/magic-number.js';
import { ruleTester } from '../rule-tester.js';

const noTokens = { plumbline: { tokens: { files: [], tokens: [], templates: {}, tailwind: null } } };

ruleTester().run('magic-number', rule, {
  valid: [
    // the usual suspects: identities, halves, decimal scaling, unit conversions, powers of two as sizes
    `if (x > 0 && y !== -1 && z <= 1) { total = a * 2 + b / 100 + c * 1000 + d * 0.5; }`,
    `const ms = minutes * 60 * 1000; const kb = bytes / 1024; const mask = size % 4096;`,
    // HTTP status codes
    `if (res.status === 404 || response.statusCode >= 500 || code === 429) throw new Error();`,
    // array indexes and slicing
    `const third = items[3]; const tail = items.slice(-3); const fixed = n.toFixed(4); const pos = list[i + 4];`,
    // named: const declarations, enum members, class properties, default parameters
    `const MAX_RETRIES = 5; const LIMIT = 60 * 5; enum Level { Low = 3, High = 7 } class A { static readonly TIMEOUT = 30 + 5; } function f(n = 42) { return n; }`,
    // a constant expression of literals, bit patterns, small loop bounds, formulas and hashes
    `const x = 3 * 7; if (Math.abs(a - b) < 1e-9) {} if (points.length < 3) {} if (flags === 0x1f) {} for (let i = 0; i < 3; i++) {} const y = 0.299 * r + 0.587 * g + 0.114 * b; hash = hash * 31 + c;`,
    // small integers and plain fractions in arithmetic (thirds, offsets)
    `const third = width / 3; const p = x + 4; const q = y * 0.75;`,
    // styles, JSX attributes and templates are design values, not logic
    `const a = <div style={{ width: size * 37 }} hidden={n > 5} />; const S = styled.div\`width: \${(p) => p.w * 37}px;\`;`,
    // tests and mock data
    { code: `if (items.length > 5) total = price * 1.19;`, filename: 'src/cart.test.ts' },
    { code: `if (items.length > 5) total = price * 1.19;`, filename: 'src/mocks/cart.ts' },
    // char codes and alphabet sizes beside fromCharCode/charCodeAt
    `function toAlpha(n: number) { let s = ''; while (n > 0) { s = String.fromCharCode(97 + ((n - 1) % 26)) + s; n = Math.floor((n - 1) / 26); } return s; }`,
    `function onlyDigits(s: string) { for (const c of s) { const d = c.charCodeAt(0); if (d < 48 || d > 57) return false; } return true; }`,
    // well-known limits and textbook constants (the sRGB transfer function, luminance weights)
    `function portOk(port: number) { return port > 0 && port <= 65535; }`,
    `function lin(c: number) { return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }`,
    // multiples of a named unit
    `const window = { partitionWindow: 30 * Minute.ms, since: Date.now() - n * MS_PER_DAY, until: 20 * millisecondsPerDay };`,
    { code: `if (items.length > 5) total = price * 1.19;`, filename: 'src/customers/example-data.ts' },
    // a value spelled in a neighbouring key, name or string
    `if (value === "2_weeks") return differenceInDays <= -14;`,
    `const ranges = [{ label: labels.LAST_30_DAYS, matches: () => differenceInDays(to, from) === 30 }];`,
    `if (range !== "5" && range !== 5 && range !== "7" && range !== 7) ctx.addIssue({ message: "must use a range of 5 or 7" });`,
    `const badge = count > 99 ? '99+' : String(count);`,
    // day of week, library versions, an explaining comment
    `if (date.getDay() === 6) skip();`,
    `if (muiMajor >= 6) useSlots(); if (Platform.Version < 33) toast();`,
    `const n = letter.charCodeAt(0) - 96; // a=1, b=2\nif (actualDuration > 50) log(); // slow renders (>50ms)`,
    // a threshold ladder in a small mapping function that only returns literals
    `function getChargeColor(charge: number) { if (charge > 50) return "green"; if (charge > 20) return "yellow"; return "red"; }`,
    `const loadColor = (r: number) => (r > 1.5 ? 'red' : r > 0.8 ? 'yellow' : 'green');`,
    // a dispatch on the value itself: the numbers are the keys of a lookup
    `if (range === 10) idx = all; else if (range === 7) idx = seven; else if (range === 6) idx = six; else idx = five;`,
    `if (round) { if (fraction < 1.5) nice = 1; else if (fraction < 3) nice = 2; else if (fraction < 7) nice = 5; else nice = 10; }`,
    // a comment block right above that names the number
    `// P-256 ≈ 72 bytes, P-384 ≈ 104\n// (informational)\nif (algo.keyLenBits >= 384) size = next();`,
    // mock modules
    { code: `if (items.length > 5) total = price * 1.19;`, filename: 'src/lib/i18n.mock.ts' },
    // tool configuration files
    {
      code: `export default { '*.ts': (files) => (files.length > 20 ? 'eslint .' : 'eslint ' + files.join(' ')) };`,
      filename: 'lint-staged.config.mjs',
    },
    // configured allowances
    { code: `if (items.length > 5) {}`, options: [{ allow: [5] }] },
  ],
  invalid: [
    // the same value once per function: one finding, the other places as related
    {
      code: `function layout(width: number, height: number) {\n  const tiny = width < 160 && height < 160;\n  const short = width >= 160 && height < 40;\n  return [tiny, short];\n}`,
      errors: [
        { messageId: 'magicNumber', line: 2, column: 24 },
        { messageId: 'magicNumber', line: 3, column: 42 },
      ],
    },
    // real debt: a limit written twice in the check and its message; a policy behind a unit name; a threshold beside a comment that does not name it
    {
      code: `if (limit > 5000) return bad("Limit cannot be more than 5000");\nif (DateTime.fromJSDate(createdAt).diffNow('minutes').minutes > -5) resend();\n// every element is in range\nconst isFinal = attempt === 3;`,
      errors: [
        { messageId: 'magicNumber', line: 1, column: 13 },
        { messageId: 'magicNumber', line: 2, column: 65 },
        { messageId: 'magicNumber', line: 4, column: 29 },
      ],
    },
    // one threshold returning amounts is a policy (free shipping from 7500 cents), not a ladder of categories
    {
      code: `export function shippingCents(subtotalCents: number): number {\n  if (subtotalCents === 0) return 0;\n  return subtotalCents >= 7500 ? 0 : 695;\n}`,
      errors: [{ messageId: 'magicNumber', line: 3, column: 27 }],
    },
    {
      code: `export const isZeroHeight = (height: number) => {\n  if (height > 75) return false;\n  return height < 75;\n};`,
      errors: [{ messageId: 'magicNumber', line: 2, column: 16 }],
    },
    {
      code: `if (items.length > 5) { total = price * 1.19 + 37; }`,
      settings: noTokens,
      errors: [
        {
          messageId: 'magicNumber',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 21,
          data: { value: '5', where: 'the comparison', code: 'items.length > 5' },
        },
        {
          messageId: 'magicNumber',
          line: 1,
          column: 41,
          endLine: 1,
          endColumn: 45,
          data: { value: '1.19', where: 'the calculation', code: 'price * 1.19' },
        },
        {
          messageId: 'magicNumber',
          line: 1,
          column: 48,
          endLine: 1,
          endColumn: 50,
          data: { value: '37', where: 'the calculation', code: 'price * 1.19 + 37' },
        },
      ],
    },
    {
      code: `const expired = Date.now() - createdAt > 15000;\nif (score >= 0.85) accept();`,
      errors: [
        { messageId: 'magicNumber', line: 1, column: 42, endLine: 1, endColumn: 47 },
        { messageId: 'magicNumber', line: 2, column: 14, endLine: 2, endColumn: 18 },
      ],
    },
    {
      code: `if (temperature < -40) warn();`,
      errors: [
        {
          messageId: 'magicNumber',
          line: 1,
          column: 19,
          endLine: 1,
          endColumn: 22,
          data: { value: '-40', where: 'the comparison', code: 'temperature < -40' },
        },
      ],
    },
  ],
});
