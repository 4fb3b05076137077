#!/usr/bin/env node
// Writes the large and deeply nested files of the hostile corpus (issue 10) into a directory. The small
// cases are committed under fixtures/hostile/; these are generated because they are megabytes, or
// because their point is a nesting depth no one should have to scroll through.
//
//   node scripts/make-hostile-corpus.mjs <dir>     writes the files under <dir>/src and <dir>/tokens
//
// Tests import makeHostileCorpus() and write into a temporary directory, once per test file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Nesting depth of the deep cases (JSX, parentheses, blocks, ternaries, object literals). */
export const DEPTH = 10_000;

/** `n` lines of `text`, joined with a newline: keeps deep files far from the minified heuristic. */
const lines = (n, text) => Array.from({ length: n }, () => text).join('\n');

/**
 * Every generated case: path (relative to the corpus root) -> what it is. The tests assert the outcome
 * of each one, so a case added here without an expectation there fails.
 */
export const GENERATED_CASES = {
  'src/app-bundle.js': '5 MB minified bundle (not named *.min.js, so only its size and shape give it away)',
  'src/one-line.ts': '1,000,000-byte file on a single line',
  'src/deep-jsx.tsx': `JSX elements nested ${DEPTH} deep, one tag a line`,
  'src/deep-parens.ts': `parentheses nested ${DEPTH} deep`,
  'src/deep-blocks.ts': `blocks nested ${DEPTH} deep inside a function`,
  'src/deep-ternary.ts': `a conditional expression chained ${DEPTH} deep`,
  'src/deep-object.ts': `object literals nested ${DEPTH} deep`,
  'src/long-concat.ts': 'a string concatenation of 50,000 operands (a left-deep binary tree)',
  'src/deep-nesting.scss': `SCSS rules nested ${DEPTH / 2} deep`,
  'tokens/deep.tokens.json': 'a JSON token document nested 100,000 deep',
  'tokens/alias-chain.tokens.json': 'a chain of 20,000 aliases, each token referring to the next',
};

function bundle(bytes) {
  // a realistic minified shape: short identifiers, no newlines, no spaces
  const chunk = 'function a(b,c){return b+c}var d=[1,2,3].map(function(e){return e*2}),f={g:"h",i:d};';
  return `!function(){${chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes - 16)}}();\n`;
}

/** The generated files as path -> content. Pure; ~7 MB in memory. */
export function hostileFiles() {
  const files = {};
  files['src/app-bundle.js'] = bundle(5 * 1024 * 1024);
  files['src/one-line.ts'] = `export const data = [${'1,'.repeat(499_980)}1];`.padEnd(1_000_000, ' ');
  files['src/deep-jsx.tsx'] = `export function Deep() {\n  return (\n${lines(DEPTH, '<div>')}\ndeep\n${lines(DEPTH, '</div>')}\n  );\n}\n`;
  files['src/deep-parens.ts'] = `export const x =\n${lines(DEPTH, '(')}\n1\n${lines(DEPTH, ')')};\n`;
  files['src/deep-blocks.ts'] =
    `export function f(n: number) {\n${lines(DEPTH, 'if (n) {')}\nreturn n;\n${lines(DEPTH, '}')}\n  return 0;\n}\n`;
  files['src/deep-ternary.ts'] = `export const pick = (n: number) =>\n${lines(DEPTH, 'n > 1 ? 1 :')}\n0;\n`;
  files['src/deep-object.ts'] = `export const o =\n${lines(DEPTH, '{ a:')}\n1\n${lines(DEPTH, '}')};\n`;
  files['src/long-concat.ts'] = `export const s = 'a'\n${lines(50_000, "  + 'a'")};\n`;
  files['src/deep-nesting.scss'] = `${lines(DEPTH / 2, '.a {')}\ncolor: #123456;\n${lines(DEPTH / 2, '}')}\n`;
  files['tokens/deep.tokens.json'] = `${'{"a":'.repeat(100_000)}{"$value":"#fff"}${'}'.repeat(100_000)}\n`;
  const chain = {};
  const n = 20_000;
  for (let i = 0; i < n; i++) chain[`t${i}`] = { $type: 'color', $value: i === n - 1 ? '#4a90e2' : `{chain.t${i + 1}}` };
  files['tokens/alias-chain.tokens.json'] = `${JSON.stringify({ chain }, null, 1)}\n`;
  return files;
}

/** Writes the generated files under `dir`; returns their paths, relative to `dir`. */
export function makeHostileCorpus(dir) {
  const files = hostileFiles();
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return Object.keys(files).sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node scripts/make-hostile-corpus.mjs <dir>\n');
    process.exit(2);
  }
  for (const p of makeHostileCorpus(resolve(dir))) process.stdout.write(`${p}\n`);
}
