// The one module that makes repository text safe to show (src/formatters/text-safety.ts): every target
// replaces every unsafe character (C0 controls, DEL, C1 controls, bidi embeddings, overrides and isolates)
// except the few it allows, and escapes what its syntax needs. No other source file keeps a copy.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  githubData,
  githubProperty,
  htmlText,
  markdownCode,
  markdownMessage,
  markdownText,
  terminalBlock,
  terminalLine,
  UNSAFE_CHARACTERS,
} from '../src/formatters/text-safety.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const CLASSES: Record<string, string[]> = {
  'C0 controls': range(0x00, 0x1f),
  DEL: ['\u007f'],
  'C1 controls': range(0x80, 0x9f),
  'bidi embeddings and overrides': range(0x202a, 0x202e),
  'bidi isolates': range(0x2066, 0x2069),
};
const WHITESPACE = ['\t', '\n', '\r'];

/** Each target, with what it shows for the tab, LF and CR it lets through (U+FFFD where it does not). */
const TARGETS: Record<string, { apply: (s: string) => string; shows: Record<string, string> }> = {
  terminalLine: { apply: terminalLine, shows: { '\t': ' ', '\n': ' ', '\r': ' ' } },
  terminalBlock: { apply: terminalBlock, shows: { '\t': '\t', '\n': '\n', '\r': '\uFFFD' } },
  markdownText: { apply: markdownText, shows: { '\t': '\t', '\n': ' ', '\r': ' ' } },
  markdownCode: { apply: (s) => markdownCode(s).slice(1, -1), shows: { '\t': '\t', '\n': ' ', '\r': ' ' } },
  markdownMessage: { apply: markdownMessage, shows: { '\t': '\t', '\n': ' ', '\r': ' ' } },
  htmlText: { apply: htmlText, shows: { '\t': '\t', '\n': '\n', '\r': '\r' } },
  githubData: { apply: githubData, shows: { '\t': '\t', '\n': '%0A', '\r': '%0D' } },
  githubProperty: { apply: githubProperty, shows: { '\t': '\t', '\n': '%0A', '\r': '%0D' } },
};

describe('every target replaces every unsafe character', () => {
  for (const [target, { apply, shows }] of Object.entries(TARGETS)) {
    for (const [name, chars] of Object.entries(CLASSES)) {
      it(`${target}: ${name}`, () => {
        for (const c of chars) {
          const code = c.charCodeAt(0).toString(16).padStart(4, '0');
          expect(apply(`a${c}b`), `U+${code}`).toBe(`a${shows[c] ?? '\uFFFD'}b`);
        }
      });
    }
  }

  it('the class is exactly the union of those five', () => {
    const all = Object.values(CLASSES).flat();
    for (const c of all) expect(c.match(UNSAFE_CHARACTERS)).not.toBeNull();
    for (const c of [' ', '~', '\u00a0', '\u00e9', '\u200b', '\u2060', '\u2065', '\u206a', '\u2029', '\uFFFD'])
      expect(c.match(UNSAFE_CHARACTERS)).toBeNull();
    expect(WHITESPACE.every((c) => all.includes(c))).toBe(true);
  });

  it('a run of line breaks is one space in Markdown, as many spaces as characters in a terminal line', () => {
    expect(markdownText('a\r\n\nb')).toBe('a b');
    expect(terminalLine('a\r\nb')).toBe('a  b');
  });
});

describe('each target escapes its own syntax', () => {
  it('Markdown text: HTML, emphasis, links, tables, headings, images, and @mentions', () => {
    expect(markdownText('<b>&</b> *a* _b_ [c](d) |e| ~f~ #g !h \\ `i`')).toBe(
      '&lt;b&gt;&amp;&lt;/b&gt; \\*a\\* \\_b\\_ \\[c\\](d) \\|e\\| \\~f\\~ \\#g \\!h \\\\ \\`i\\`',
    );
    expect(markdownText('ping @someone')).toBe('ping @\u2060someone');
  });

  it('Markdown code spans hold any text; a message keeps its balanced code spans', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('x|y @me')).toBe('`x\\|y @me`'); // no mention inside a code span
    expect(markdownMessage('use `@scope/x` not @y')).toBe('use `@scope/x` not @\u2060y');
  });

  it('HTML: the five characters that end text or attribute values', () => {
    expect(htmlText(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
    expect(htmlText(42)).toBe('42');
  });

  it('GitHub workflow commands: percent-encoding of data and properties', () => {
    expect(githubData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(githubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('one definition', () => {
  /** Source files of the CLI that spell a bidi or control character class of their own. */
  function copies(dir: string): string[] {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.ts')) continue;
      const file = join(e.parentPath, e.name);
      if (/\\u202a|\\u2066|\\u0000-|\\u007f|\\u009f/i.test(readFileSync(file, 'utf8'))) out.push(relative(dir, file));
    }
    return out;
  }

  it('no source file of the CLI but text-safety.ts defines the unsafe characters', () => {
    expect(copies(join(import.meta.dirname, '../src'))).toEqual(['formatters/text-safety.ts']);
  });
});
