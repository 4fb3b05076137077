import type * as TS from 'typescript';
import type { RelatedLocation } from './finding.js';
import type { RuleMeta } from './rule-meta.js';

/** The `typescript` namespace, passed in by the caller so that one check serves two TypeScript copies. */
export type TypeScript = typeof TS;

/** A replacement of [start, end) of the file's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface CheckSuggestion {
  messageId: string;
  data?: Record<string, string | number>;
  edits: TextEdit[];
}

/** What a per-file check reports; the surfaces turn it into an ESLint report or a Finding. */
export interface CheckReport {
  /** the flagged node, or an explicit range of the file's text */
  node?: TS.Node;
  range?: { start: number; end: number };
  messageId: string;
  data?: Record<string, string | number>;
  /** an autofix that is always right (ESLint --fix applies it) */
  fix?: TextEdit[];
  /** fixes a person should choose between (ESLint suggestions) */
  suggestions?: CheckSuggestion[];
  /** the code whose normalised text identifies the finding; default: the flagged text */
  fingerprintCode?: string;
  related?: RelatedLocation[];
  /** overrides the rule's default effort for this finding */
  effortMinutes?: number;
}

/** Project-wide knowledge a per-file check may use; each surface fills what it has. */
export interface CheckSettings {
  [key: string]: unknown;
}

export interface FileCheckContext<Options> {
  ts: TypeScript;
  sourceFile: TS.SourceFile;
  /** POSIX path relative to the project root (or the file name ESLint gave) */
  filePath: string;
  /** a test, story, fixture or mock (config `testFiles`) */
  isTestFile: boolean;
  options: Options;
  settings: CheckSettings;
  report(report: CheckReport): void;
}

export interface FileCheckMeta<Options, MessageIds extends string> extends RuleMeta {
  scope: 'file';
  messages: Record<MessageIds, string>;
  defaultOptions: Options;
  fixable?: 'code';
  hasSuggestions?: boolean;
}

/**
 * A check written once against the TypeScript syntax tree: the analyzer runs it on the file it parsed,
 * the ESLint rule on the ts.SourceFile typescript-eslint built. No type checker.
 */
export interface FileCheck<Options extends object = Record<string, unknown>, MessageIds extends string = string> {
  meta: FileCheckMeta<Options, MessageIds>;
  run(context: FileCheckContext<Options>): void;
}

/** Any check, whatever its option and message types (for registries). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFileCheck = FileCheck<any, string>;

export function defineCheck<Options extends object, MessageIds extends string>(
  check: FileCheck<Options, MessageIds>,
): FileCheck<Options, MessageIds> {
  return check;
}

/** Fills `{{name}}` placeholders, as ESLint does. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

function declarationName(ts: TypeScript, node: TS.Node): string | undefined {
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isModuleDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node) ||
    ts.isClassExpression(node) ||
    ts.isFunctionExpression(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isVariableDeclaration(node)
  ) {
    const name = (node as { name?: TS.Node }).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) || ts.isNumericLiteral(name))) {
      return name.text;
    }
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) return 'default';
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return undefined;
}

/**
 * The enclosing symbol path of a node, e.g. `InvoiceList.render.columns`: the names of the declarations
 * around it, outermost first. Part of every fingerprint; independent of line numbers.
 */
export function symbolPathOf(ts: TypeScript, node: TS.Node): string {
  const names: string[] = [];
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    const name = declarationName(ts, n);
    if (name !== undefined) names.push(name);
  }
  return names.reverse().join('.');
}

/** 1-based line and column of an offset. */
export function lineColumn(ts: TypeScript, sourceFile: TS.SourceFile, offset: number): { line: number; column: number } {
  const { line, character } = ts.getLineAndCharacterOfPosition(sourceFile, offset);
  return { line: line + 1, column: character + 1 };
}
