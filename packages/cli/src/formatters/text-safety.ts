/**
 * Text from the scanned repository (paths, messages, author names, commit subjects, config files) shown by
 * plumbline: one definition of the characters no output passes through as they are, and one function per
 * place the text is shown. Every formatter and command takes its escaping from here.
 *
 * | target                                   | function                               |
 * | ---------------------------------------- | -------------------------------------- |
 * | a terminal or CI log, one line per text  | terminalLine                           |
 * | a terminal, a message of several lines   | terminalBlock                          |
 * | Markdown (PR comment, chat post)         | markdownText, markdownCode, markdownMessage |
 * | HTML element content and attributes      | htmlText                               |
 * | GitHub Actions workflow commands         | githubData, githubProperty             |
 * | JSON and SARIF                           | none: data, kept verbatim (JSON.stringify escapes the controls; the consumer shows text as text) |
 */

/**
 * The characters no output shows as they are: the C0 controls U+0000-001F (ESC starts terminal escape
 * sequences, CR and LF start lines), DEL U+007F, the C1 controls U+0080-009F (U+009B is a terminal's CSI),
 * and the bidi embeddings and overrides U+202A-202E and isolates U+2066-2069, which reorder what a reader
 * sees (Trojan Source, CVE-2021-42574). Each becomes U+FFFD unless a target lets it through.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const REPLACEMENT_CHARACTER = '\uFFFD';

/** What a target shows instead of an unsafe character it allows (the character itself, a space). */
type Allowed = Readonly<Partial<Record<'\t' | '\n' | '\r', string>>>;

function neutralize(text: string, allowed: Allowed): string {
  return text.replace(UNSAFE_CHARACTERS, (c) => allowed[c as keyof Allowed] ?? REPLACEMENT_CHARACTER);
}

const LINE: Allowed = { '\t': ' ', '\n': ' ', '\r': ' ' };
const BLOCK: Allowed = { '\t': '\t', '\n': '\n' };
const WHITESPACE: Allowed = { '\t': '\t', '\n': '\n', '\r': '\r' };

/**
 * Text in a line of a terminal or a CI log: line breaks and tabs become spaces, so that repository text
 * never starts a line of its own (a CI runner reads `::command::` lines from the log).
 */
export function terminalLine(text: string): string {
  return neutralize(text, LINE);
}

/** A message of several lines for a terminal (an error, a stack trace): line breaks and tabs kept, CR not. */
export function terminalBlock(text: string): string {
  return neutralize(text, BLOCK);
}

/** Markdown's own characters outside code spans: those that start emphasis, links, tables, headings, images. */
const MARKDOWN_SPECIAL = /([\\`*_[\]|~#!])/g;

/**
 * Text for Markdown outside code spans: HTML escaped, Markdown's characters backslashed, line breaks as
 * spaces, and no @mention (a word joiner after `@`) in a chat or pull-request post.
 */
export function markdownText(text: string): string {
  return neutralize(text, WHITESPACE)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, '\\$1')
    .replace(/@/g, '@\u2060');
}

/** A code span holding any text (a fence longer than any backtick run inside); safe in table cells. */
export function markdownCode(text: string): string {
  const inner = neutralize(text, WHITESPACE)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/** A finding's message: its balanced `code spans` kept as code, the rest escaped as text. */
export function markdownMessage(message: string): string {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return markdownText(message); // unbalanced backticks: no code spans
  return parts.map((p, i) => (i % 2 === 1 ? markdownCode(p) : markdownText(p))).join('');
}

/** Text for HTML element content and attribute values: `&<>"'` as character references. */
export function htmlText(text: string | number): string {
  return neutralize(String(text), WHITESPACE).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A workflow command's message as the runner expects: %, CR and LF percent-encoded. */
export function githubData(text: string): string {
  return neutralize(text, WHITESPACE).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus the separators ':' and ','. */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
