import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getParserServices } from '@typescript-eslint/utils/eslint-utils';
import * as ts from 'typescript';
import { docsUrl, formatMessage, globMatcher, DEFAULT_TEST_FILES } from '@plumbline/core';
import type { AnyFileCheck, CheckReport, CheckSettings, TextEdit } from '@plumbline/core';

/** Our own `meta.docs` fields, typed. */
export interface PlumblineDocs {
  description: string;
  /** the preset that turns the rule on */
  recommended?: 'recommended' | 'strict' | 'all';
  /** true when the rule reads the analyzer's project-wide cache */
  requiresProjectIndex?: boolean;
}

/** typescript-eslint's RuleCreator with the docs URL of rules/<id>.md. */
export const createRule = ESLintUtils.RuleCreator<PlumblineDocs>((name) => docsUrl(name));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlumblineRule = TSESLint.RuleModule<string, any[], PlumblineDocs>;

const isTestPath = globMatcher(DEFAULT_TEST_FILES);

/** Relative POSIX path of the linted file, for test-file globs. */
function relativeFilename(context: Readonly<TSESLint.RuleContext<string, unknown[]>>): string {
  const cwd = context.cwd.replace(/\\/g, '/');
  const file = context.filename.replace(/\\/g, '/');
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

export interface RuleFromCheckHooks {
  /**
   * Project knowledge for the linted file (see project-settings.ts): settings built from the project's
   * plumbline.config.json, the file's path relative to the project root and whether it is a test file.
   */
  project?(
    context: Readonly<TSESLint.RuleContext<string, unknown[]>>,
  ): { settings: CheckSettings; filePath: string; isTestFile: boolean } | undefined;
}

/**
 * Turns a core per-file check into an ESLint rule: the check runs on the very ts.SourceFile that
 * typescript-eslint parsed (no type checker), and its reports map back by text range.
 */
export function ruleFromCheck(check: AnyFileCheck, hooks: RuleFromCheckHooks = {}): PlumblineRule {
  const { meta } = check;
  return createRule({
    name: meta.id,
    meta: {
      type: 'suggestion',
      docs: {
        description: meta.description,
        ...(meta.preset !== 'off' ? { recommended: meta.preset } : {}),
      },
      messages: meta.messages,
      schema: meta.optionsSchema ? [meta.optionsSchema as never] : [],
      ...(meta.fixable ? { fixable: meta.fixable } : {}),
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    defaultOptions: [meta.defaultOptions as Record<string, unknown>],
    create(context, [options]) {
      return {
        Program(program: TSESTree.Program) {
          const services = getParserServices(context, true);
          const sourceFile = services.esTreeNodeToTSNodeMap.get(program) as unknown as ts.SourceFile;
          const sourceCode = context.sourceCode;
          const toFix = (edits: TextEdit[]) => (fixer: TSESLint.RuleFixer) =>
            edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text));
          const project = hooks.project?.(context as Readonly<TSESLint.RuleContext<string, unknown[]>>);
          const settings = project?.settings ?? (((context.settings as Record<string, unknown>).plumbline ?? {}) as CheckSettings);
          const filename = project?.filePath ?? relativeFilename(context);
          check.run({
            ts,
            sourceFile,
            filePath: filename,
            isTestFile: project?.isTestFile ?? isTestPath(filename),
            options: { ...meta.defaultOptions, ...(options ?? {}) },
            settings,
            report(r: CheckReport) {
              const start = r.range?.start ?? r.node!.getStart(sourceFile);
              const end = r.range?.end ?? r.node!.getEnd();
              context.report({
                loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
                messageId: r.messageId,
                ...(r.data ? { data: r.data } : {}),
                ...(r.fix && meta.fixable ? { fix: toFix(r.fix) } : {}),
                ...(r.suggestions?.length
                  ? {
                      suggest: r.suggestions.map((s) => ({
                        messageId: s.messageId,
                        ...(s.data ? { data: s.data } : {}),
                        fix: toFix(s.edits),
                      })),
                    }
                  : {}),
              });
            },
          });
        },
      };
    },
  });
}

export { formatMessage };
