import type * as TS from 'typescript';
import type { TypeScript } from '../../check.js';
import type { DesignSystemSettings } from '../../design-system.js';
import { parseModule } from './sources.js';
import type { ParsedModule } from './sources.js';

/** A word that can be a class (`rounded-md`, `[&_svg]:size-4`, `h-[38px]`, `bg-primary/90`); a utility has a dash, a colon or a bracket. */
const CLASS_CHARS = /^[\w!\-.:/[\]()&>=%#,*+~@'"]+$/;
const UTILITY_MARK = /[-:[]/;

/**
 * The utility classes a component's source writes (a cva base and its variants, a class string beside the
 * element): the words of every string literal that reads as a class list (two or more words, half of them
 * utilities). What raw elements re-creating its look share with it.
 */
export function componentClassWords(ts: TypeScript, sf: TS.SourceFile): string[] {
  const words = new Set<string>();
  const take = (text: string) => {
    const parts = text.split(/\s+/).filter(Boolean);
    if (parts.length < 2 || !parts.every((w) => CLASS_CHARS.test(w))) return;
    if (parts.filter((w) => UTILITY_MARK.test(w) && !/[A-Z]/.test(w.replace(/\[[^\]]*\]/g, ''))).length * 2 < parts.length) return;
    for (const w of parts) words.add(w);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isStringLiteralLike(n)) take(n.text);
    else if (ts.isTemplateExpression(n)) {
      take(n.head.text);
      for (const sp of n.templateSpans) take(sp.literal.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return [...words].sort();
}

/**
 * Gives each element's component the classes its source writes, when the repository holds that source
 * (`fileOf`: component name and specifier -> file): what a raw element re-creating its look shares with it.
 */
export function addComponentLooks(
  elements: DesignSystemSettings['elements'],
  fileOf: Map<string, string | undefined>,
  ts: TypeScript | null,
  root: string,
  cache: Map<string, ParsedModule | null>,
): void {
  if (!ts) return;
  for (const target of Object.values(elements)) {
    const file = fileOf.get(`${target.component}\0${target.importFrom}`);
    const m = file ? parseModule(ts, root, file, cache) : null;
    const classes = m ? componentClassWords(ts, m.sf) : [];
    if (classes.length) target.classes = classes;
  }
}
