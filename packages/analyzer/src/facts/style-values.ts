import {
  collectCssFileValues,
  collectTsStyleValues,
  isIllustrationFile,
  isPlaygroundFile,
  symbolPathOf,
  tokenlessScriptReason,
  tokenlessStylesheetReason,
} from '@plumbline/core';
import type { StyleContext, StyleOccurrence, ValueAtom } from '@plumbline/core';
import { defineExtractor } from '../facts.js';

/** One hard-coded style value of a file, as plain data (see core's collectors). */
export interface StyleValueFact {
  atom: Omit<ValueAtom, 'start' | 'end'>;
  property: string;
  context: StyleContext;
  /** Tailwind classes: the utility's theme namespace, and the utility ('' for an arbitrary property) */
  namespace?: string;
  utility?: string;
  /** Tailwind classes: the value is the whole arbitrary value (a theme key can replace the class) */
  whole?: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** enclosing symbol path (TS) or selectors (CSS), for fingerprints */
  symbolPath: string;
}

export interface StyleValueFacts {
  values: StyleValueFact[];
}

const GENERATED = /@generated|\bauto-?generated\b|\bDO NOT EDIT\b/i;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Hard-coded style values of TS/JSX files (style props, style objects, styled templates, Tailwind
 * classes) and CSS/SCSS files (declarations, media queries, @apply), for the CSS-file check and the
 * repeated-value detector. Test files, generated files, playgrounds, illustrations and mock-UI animations, files rendered without CSS
 * (react-pdf, next/og, email) and vendored or starter stylesheets have none. A stylesheet that does not parse
 * is an error of the scan.
 */
export const extractor = defineExtractor<StyleValueFacts>({
  name: 'style-values',
  languages: ['ts', 'css'],
  extract({ ts, text, path, language, sourceFile, isTestFile }) {
    if (isTestFile || GENERATED.test(text.slice(0, 1000)) || isPlaygroundFile(path) || isIllustrationFile(path)) return { values: [] };
    // renderers without CSS variables, vendored and starter stylesheets: no value there is a token's
    if (language === 'css' ? tokenlessStylesheetReason(path, text) : tokenlessScriptReason(text)) return { values: [] };
    let occurrences: StyleOccurrence[];
    if (language === 'css') {
      const r = collectCssFileValues(text, path);
      if (r.error) throw new Error(r.error);
      occurrences = r.occurrences;
    } else {
      if (!sourceFile) return { values: [] };
      occurrences = collectTsStyleValues(ts, sourceFile);
    }
    const starts = lineStarts(text);
    const values = occurrences.map((o): StyleValueFact => {
      const { start: _s, end: _e, ...atom } = o.atom;
      const from = o.tailwind ? o.tailwind.start : o.atom.start;
      const to = o.tailwind ? o.tailwind.end : o.atom.end;
      const s = position(starts, from);
      const e = position(starts, to);
      return {
        atom,
        property: o.property,
        context: o.context,
        ...(o.tailwind?.namespace ? { namespace: o.tailwind.namespace } : {}),
        ...(o.tailwind ? { utility: o.tailwind.utility, whole: o.tailwind.whole } : {}),
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        symbolPath: o.node ? symbolPathOf(ts, o.node) : (o.scope ?? ''),
      };
    });
    return { values };
  },
});
