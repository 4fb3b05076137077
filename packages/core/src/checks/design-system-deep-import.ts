import type * as TS from 'typescript';
import { defineCheck } from '../check.js';
import type { CheckSuggestion } from '../check.js';
import { designSystemOf, designSystemPackageOf, isDesignSystemFile, isPublicEntry } from '../design-system.js';
import type { DesignSystemPackage, DesignSystemSettings } from '../design-system.js';

export type Options = Record<string, never>;
export type MessageIds = 'deepImport' | 'useEntry';

/**
 * The npm design-system package a specifier bypasses the entry point of, if it does. Packages of this
 * repository are left to `deep-import`, which follows their re-exports across the workspace.
 */
function bypassed(ds: DesignSystemSettings, specifier: string): DesignSystemPackage | null {
  const named = designSystemPackageOf(ds, specifier);
  if (!named || named.pkg.dir !== null) return null;
  return isPublicEntry(named.pkg, named.subpath) ? null : named.pkg;
}

export const designSystemDeepImport = defineCheck<Options, MessageIds>({
  meta: {
    id: 'design-system-deep-import',
    category: 'design-system',
    description: "Reports imports that reach into an npm design-system package's internals instead of its public entry points.",
    defaultEffortMinutes: 5,
    defaultSeverity: 'warning',
    preset: 'recommended',
    scope: 'file',
    hasSuggestions: true,
    messages: {
      deepImport:
        "`{{specifier}}` reaches into the design system's internals, which may change without notice; import from `{{entry}}`, its public entry point.",
      useEntry: 'Import from `{{entry}}`',
    },
    defaultOptions: {},
  },
  run(ctx) {
    const { ts, sourceFile: sf, filePath } = ctx;
    const ds = designSystemOf(ctx.settings);
    if (!ds || !ds.packages.some((p) => p.dir === null) || ctx.isTestFile || isDesignSystemFile(ds, filePath)) return;

    const check = (literal: TS.StringLiteralLike, names: string[] | null): void => {
      const pkg = bypassed(ds, literal.text);
      if (!pkg) return;
      // the entry that exports every imported name, when we know it
      const entries = new Set(names?.map((n) => ds.components.find((c) => c.name === n && !c.isPath)?.importFrom ?? '?') ?? ['?']);
      const entry = entries.size === 1 && !entries.has('?') ? [...entries][0]! : pkg.name;
      const suggestions: CheckSuggestion[] =
        entries.size === 1 && !entries.has('?')
          ? [
              {
                messageId: 'useEntry',
                data: { entry },
                edits: [{ start: literal.getStart(sf) + 1, end: literal.getEnd() - 1, text: entry }],
              },
            ]
          : [];
      ctx.report({
        node: literal,
        messageId: 'deepImport',
        data: { specifier: literal.text, entry },
        fingerprintCode: `${literal.text}->${entry}`,
        ...(suggestions.length ? { suggestions } : {}),
      });
    };
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const clause = st.importClause;
        const nb = clause?.namedBindings;
        const names =
          clause?.name || (nb && !ts.isNamedImports(nb)) ? null : nb ? nb.elements.map((e) => (e.propertyName ?? e.name).text) : null;
        check(st.moduleSpecifier, names);
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const names =
          st.exportClause && ts.isNamedExports(st.exportClause)
            ? st.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)
            : null;
        check(st.moduleSpecifier, names);
      }
    }
    const visit = (n: TS.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]!)) {
        const isImport = n.expression.kind === ts.SyntaxKind.ImportKeyword;
        const isRequire = ts.isIdentifier(n.expression) && n.expression.text === 'require';
        if (isImport || isRequire) check(n.arguments[0] as TS.StringLiteralLike, null);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  },
});
