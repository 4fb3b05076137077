import {
  cssPropertyName,
  DEFAULT_MATCH_OPTIONS,
  findValueAtoms,
  judgeAtom,
  replacementFor,
  tokenIndex,
  tokenSettingsOf,
} from '@plumbline/core';
import type { CheckSettings, DesignToken, TokenSettings } from '@plumbline/core';
import { TOKEN_FAMILIES } from '../conventions/token-lines.js';
import { ToolError } from './errors.js';

export interface TokenAnswer {
  path: string;
  value: string;
  cssVar?: string;
  file: string;
  /** how far it is from the value (`ΔE 1.8`, `2px off`), for near matches */
  distance?: string;
  /** the text to write, per place: a CSS file or styled template, a style object, a Tailwind class */
  write: { css?: string; object?: string; className?: string };
}

export interface NearestTokenResult {
  property: string;
  value: string;
  /** one entry per design value found in `value` (`8px 16px` holds two) */
  matches: Array<{
    text: string;
    /** exact: a token has this value; near: close tokens; theme: the value of tokens in another theme only; off-scale: no token near */
    kind: 'exact' | 'near' | 'theme' | 'off-scale' | 'no-tokens';
    tokens: TokenAnswer[];
  }>;
  advice: string;
}

function writeOf(token: DesignToken, settings: TokenSettings, family: string): TokenAnswer['write'] {
  const t = settings.templates;
  const css = replacementFor(token, 'css', t);
  const object = replacementFor(token, 'object', t, { whole: true });
  const utility = TOKEN_FAMILIES.find((f) => f.family === family)?.utility;
  const className = token.tailwind && utility ? replacementFor(token, 'className', t, { utility, whole: true }) : null;
  return {
    ...(css?.certain ? { css: css.text } : {}),
    ...(object?.certain ? { object: object.text } : {}),
    ...(className?.certain ? { className: className.text } : {}),
  };
}

/** `nearest_token`: a value and the CSS property it is for -> the token(s) and how to write them. */
export function nearestToken(settings: CheckSettings, input: { value: string; property: string; file?: string }): NearestTokenResult {
  const { value } = input;
  if (typeof value !== 'string' || !value.trim() || value.length > 2000)
    throw new ToolError('bad-input', 'value must be a CSS value of at most 2000 characters');
  if (typeof input.property !== 'string' || !/^-?-?[A-Za-z][\w-]*$/.test(input.property.trim()))
    throw new ToolError('bad-input', 'property must be a CSS property name (`background`, `padding`, `fontSize`)');
  const tokens = tokenSettingsOf(settings);
  if (!tokens || tokens.tokens.length === 0)
    throw new ToolError('no-tokens', 'no design tokens were found in this repository (configure tokens in plumbline.config.json)');
  const property = cssPropertyName(input.property.trim());
  const index = tokenIndex(tokens);
  const atoms = findValueAtoms(property, value, { namedColors: true });
  const matches: NearestTokenResult['matches'] = atoms.map((atom) => {
    const verdict = judgeAtom(index, atom, 'css', DEFAULT_MATCH_OPTIONS, { property, ...(input.file ? { filePath: input.file } : {}) });
    if (!verdict) return { text: atom.text, kind: 'no-tokens' as const, tokens: [] };
    const list =
      verdict.kind === 'exact'
        ? verdict.tokens.map((t) => ({ token: t, label: undefined as string | undefined }))
        : verdict.kind === 'off-scale'
          ? verdict.nearest
            ? [{ token: verdict.nearest.token, label: verdict.nearest.label }]
            : []
          : verdict.candidates.map((c) => ({ token: c.token, label: c.label }));
    return {
      text: atom.text,
      kind: verdict.kind,
      // the tokens that can be written here first (a JSON token file's entry has no name in code of its own)
      tokens: list
        .slice(0, 6)
        .map(({ token, label }) => ({
          path: token.path,
          value: token.value,
          ...(token.cssVar ? { cssVar: token.cssVar } : {}),
          file: token.file,
          ...(label ? { distance: label } : {}),
          write: writeOf(token, tokens, atom.family),
        }))
        .sort((a, b) => (Object.keys(a.write).length ? 0 : 1) - (Object.keys(b.write).length ? 0 : 1))
        .slice(0, 3),
    };
  });
  const first = matches.find((m) => m.tokens.length);
  const write = first?.tokens[0]
    ? (first.tokens[0].write.css ?? first.tokens[0].write.object ?? first.tokens[0].write.className)
    : undefined;
  const advice = !atoms.length
    ? `No design value (color, length, duration, ...) found in \`${value}\` for \`${property}\`.`
    : first && write
      ? `${first.kind === 'exact' ? 'Write' : first.kind === 'off-scale' ? 'Off the scale; the nearest token is' : 'Use the nearest token,'} ${write} for ${first.text}.`
      : `No token matches \`${value}\` for \`${property}\`.`;
  return { property, value, matches, advice };
}
