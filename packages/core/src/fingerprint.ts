import { shortHash } from './hash.js';

/**
 * Folds code so that whitespace and line moves do not change it: comments are kept out by the caller,
 * runs of white space become one space, and space next to punctuation goes, except one space between
 * two `+` or two `-` (`a++ + b` and `a + ++b` are different code).
 */
export function normalizeCode(code: string): string {
  const text = code.replace(/\s+/g, ' ');
  return text
    .replace(/ ?([{}()[\];,:.<>=+\-*/!?&|]) ?/g, (m: string, p: string, at: number) =>
      (p === '+' || p === '-') && m.length > 1 && m.endsWith(' ') && text[at + m.length] === p ? `${p} ` : p,
    )
    .trim();
}

/**
 * A finding's identity across commits (DESIGN.md): rule id + the normalised flagged code + the
 * enclosing symbol path. Never the line, never the file path: a moved file keeps its fingerprints, and
 * two copies of the same code differ only when their enclosing symbols differ.
 */
export function fingerprint(ruleId: string, code: string, symbolPath: string, extra = ''): string {
  return shortHash(`${ruleId}\u0000${normalizeCode(code)}\u0000${symbolPath}\u0000${extra}`, 20);
}
