import type * as TS from 'typescript';
import { defineExtractor } from '../facts.js';
import { isFunctionLike } from './drift/ast.js';
import { onFunction, onTry } from './drift/async-idioms.js';
import { onCall, onJsxAttribute } from './drift/calls.js';
import { collectComponentIdioms } from './drift/components.js';
import { DriftContext } from './drift/context.js';
import { collectImports } from './drift/imports.js';
import { dropIncidentalUsages } from './drift/incidental.js';
import { collectRouteModules } from './drift/routes.js';
import { WrapperTracker } from './drift/wrappers.js';
import type { DriftFacts } from './drift/types.js';

export type { CarriedFact, DriftFacts, EffectFetchFact, IdiomSiteFact, ImportSiteFact, RoleUsageFact, SiteFact } from './drift/types.js';

// The drift facts of a file: which library choices of each role it uses (imports, globals, methods, chains,
// utility class names), its imports, which of its exports carry a role usage (wrapper candidates), the
// idiom sites (component declaration and export, async style, error handling, data fetching) and the
// effects that load data. One module per kind under facts/drift/.

export const extractor = defineExtractor<DriftFacts>({
  name: 'drift',
  languages: ['ts'],
  extract({ ts, sourceFile: sf, path }) {
    if (!sf) return { usages: [], imports: [], carried: [], idioms: [], effects: [] };
    const cx = new DriftContext(ts, sf, path);
    collectImports(cx);
    const wrappers = new WrapperTracker(cx);
    const visit = (n: TS.Node): void => {
      if (ts.isIdentifier(n)) wrappers.noteIdentifier(n);
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) onCall(cx, wrappers, n);
      if (ts.isJsxAttribute(n)) onJsxAttribute(cx, n);
      if (isFunctionLike(ts, n)) onFunction(cx, n);
      if (ts.isTryStatement(n)) onTry(cx, n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    collectComponentIdioms(cx, wrappers);
    collectRouteModules(cx);
    dropIncidentalUsages(cx);
    cx.out.carried = wrappers.carried();
    return cx.out;
  },
});
