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
    // configured allowances
    { code: `if (items.length > 5) {}`, options: [{ allow: [5] }] },
  ],
  invalid: [
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
