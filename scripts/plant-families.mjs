#!/usr/bin/env node
// The planted-family harness: measures whether component-family finds variant families on real code. It
// copies a checkout's source tree to a temporary directory, picks real exported React components (seeded),
// and plants 3 to 5 variants of each in other folders of the tree, each variant
//   - named for the same thing (`CompactCopyButton` for `CopyButton`, as variants are named),
//   - with every prop it destructures renamed (`title` -> `titleText`) and every class on it renamed
//     (`px-4` -> `px-5`, `card` -> `card-alt`, `styles.root` -> `styles.rootAlt`),
//   - and one edit, in turn: a prop added (and passed to the root), a prop removed, the tree edited (an
//     element added inside the root), or two of these,
// then scans the copy with the built CLI (npm run build first) and counts a planted family as found when
// ONE component-family finding holds the original and every variant (no other finding holds any of them),
// and as kept right when that finding's "Keep `X`" names a member the repository already had (the original, or a
// real component of the family the variants joined: the most imported is kept), not a planted variant.
//
//   node scripts/plant-families.mjs <checkout> [--families 5] [--seed 1] [--roles] [--report all] [--keep] [--json] [--cold] [--cli <plumbline.js>]
//
// --report all scans with component-family's `report: "all"` (every family found); without it the rule's default tier.
//
// The checkout's .plumbline/cache is copied with it (a warm scan: only the planted files are parsed); --cold leaves it out.
//
// --roles plants only components whose root is a semantic element or a component of an npm package (a
// <button>, an <a>, a Radix Item; not a component of the repository or of its workspace packages): the
// roles component-family joins by. Without it any component with a JSX
// root may be picked, and the ones rooted in a <div> are found only when the trees stay near-identical.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { applyEdits, isPropertyName, plantableDirs, rng, sourceFiles } from './plant-clones.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const defaultCli = join(here, '..', 'packages', 'cli', 'bin', 'plumbline.js');
/** Places where components are not reported (tests, stories, fixtures, generated code, a design system's own). */
const NOT_PLANTABLE =
  /(^|\/)(__tests__|__mocks__|tests?|e2e|fixtures?|stories|generated|__generated__|ui)(\/|$)|\.(test|spec|stories|config|d)\.[cm]?[jt]sx?$/;
const ROLE_ELEMENTS = /^(button|a|input|select|textarea|label|img|form|table|nav|ul|ol|h[1-6])$/;
const PREFIXES = ['Compact', 'Legacy', 'Simple', 'Custom', 'Alt'];

const isJsx = (n) => ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n);
const tagOf = (n) => (ts.isJsxElement(n) ? n.openingElement.tagName : n.tagName).getText();
const strip = (e) => {
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e))) e = e.expression;
  return e;
};

/** The function of a component declaration: `function X`, `const X = (..) =>`, `forwardRef(..)`, `memo(..)`. */
function componentFunction(st) {
  if (ts.isFunctionDeclaration(st) && st.name && /^[A-Z]/.test(st.name.text) && st.body) return { name: st.name.text, fn: st };
  if (!ts.isVariableStatement(st)) return null;
  const d = st.declarationList.declarations[0];
  if (!d || !ts.isIdentifier(d.name) || !/^[A-Z]/.test(d.name.text) || !d.initializer) return null;
  let e = strip(d.initializer);
  for (let i = 0; i < 2 && e && ts.isCallExpression(e) && /(^|\.)(forwardRef|memo)$/.test(e.expression.getText()); i++)
    e = strip(e.arguments[0]);
  return e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) ? { name: d.name.text, fn: e } : null;
}

/** The JSX its last `return` (or its expression body) gives, if it is one element. */
function mainRoot(fn) {
  const body = fn.body;
  if (!ts.isBlock(body)) return isJsx(strip(body)) ? strip(body) : null;
  let root = null;
  const visit = (n) => {
    if (ts.isReturnStatement(n) && n.expression && isJsx(strip(n.expression))) root = strip(n.expression);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return root;
}

/** The module specifier that binds `name` in a file, if an import does. */
function importOf(sf, name) {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const c = st.importClause;
    const b = c.namedBindings;
    if (
      c.name?.text === name ||
      (b && ts.isNamespaceImport(b) && b.name.text === name) ||
      (b && ts.isNamedImports(b) && b.elements.some((e) => e.name.text === name))
    )
      return st.moduleSpecifier.text;
  }
  return null;
}

/**
 * An npm package's specifier: not relative, not a path alias (`@/`, `~/`, `#`, or one of the checkout's tsconfig `paths`,
 * `@dashboard/*`), not a package of the checkout's workspace.
 */
function isPackageImport(spec, workspace) {
  if (!spec || /^(\.|\/|@\/|~\/|#)/.test(spec)) return false;
  for (const name of workspace) if (name.endsWith('/') && spec.startsWith(name)) return false;
  const parts = spec.split('/');
  return !workspace.has(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
}

/**
 * Names of the checkout's own packages (every package.json outside node_modules), and the prefixes of its path aliases
 * (the `paths` of every tsconfig*.json, `@dashboard/*` as `@dashboard/`): both name the repository's own code.
 */
function workspacePackages(tree) {
  const names = new Set();
  const walk = (dir, depth) => {
    if (depth > 4) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !/^(node_modules|\.git|dist|build)$/.test(e.name)) walk(join(dir, e.name), depth + 1);
      else if (/^tsconfig.*\.json$/.test(e.name)) {
        const { config } = ts.parseConfigFileTextToJson(e.name, readFileSync(join(dir, e.name), 'utf8'));
        for (const alias of Object.keys(config?.compilerOptions?.paths ?? {}))
          if (alias.endsWith('/*') && alias.length > 2) names.add(alias.slice(0, -1));
      } else if (e.name === 'package.json') {
        try {
          const n = JSON.parse(readFileSync(join(dir, e.name), 'utf8')).name;
          if (typeof n === 'string') names.add(n);
        } catch {
          // not JSON: not a package
        }
      }
    }
  };
  walk(tree, 0);
  return names;
}

/** Nodes of what a component renders, as component-family counts them: elements, attributes, text and expression slots. */
function renderedNodes(fn) {
  let n = 0;
  const visit = (x) => {
    if (ts.isJsxOpeningElement(x) || ts.isJsxSelfClosingElement(x) || ts.isJsxAttribute(x) || ts.isJsxSpreadAttribute(x)) n++;
    else if ((ts.isJsxExpression(x) && x.expression && !ts.isJsxAttribute(x.parent)) || (ts.isJsxText(x) && x.text.trim())) n++;
    ts.forEachChild(x, visit);
  };
  visit(fn.body);
  return n;
}

/**
 * The kind of an original: a render of fewer than 15 nodes (`small`, component-family's minNodes) that plays no role
 * is a thin wrapper or a configuration of another component (`<PageContent title=..>{children}</PageContent>`, a
 * `<Sheet>` around its content), which component-family leaves out by design and the harness does not plant; a
 * context provider at the root (`provider`) joins no role (an app's wiring) but is found when its trees stay alike;
 * `component` otherwise.
 */
function kindOf(fn, tag, role) {
  if (!role && renderedNodes(fn) < 15) return 'small';
  return /Provider$/.test(tag) ? 'provider' : 'component';
}

/** Exported components of a file with a destructured props parameter, 8 to 80 lines, that render one JSX root. */
export function componentsOf(path, text, workspace = new Set()) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out = [];
  for (const st of sf.statements) {
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const c = componentFunction(st);
    if (!c || !c.fn.parameters[0] || !ts.isObjectBindingPattern(c.fn.parameters[0].name)) continue;
    const root = mainRoot(c.fn);
    if (!root || ts.isJsxFragment(root)) continue;
    const line = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1;
    const endLine = sf.getLineAndCharacterOfPosition(st.getEnd()).line + 1;
    if (endLine - line + 1 < 8 || endLine - line + 1 > 80) continue;
    const tag = tagOf(root);
    const role = ROLE_ELEMENTS.test(tag) || (/^[A-Z]/.test(tag) && isPackageImport(importOf(sf, tag.split('.')[0]), workspace));
    out.push({
      path,
      name: c.name,
      line,
      endLine,
      start: st.getStart(sf),
      end: st.getEnd(),
      tag,
      role,
      kind: kindOf(c.fn, tag, role),
    });
  }
  return out;
}

/**
 * The workspace package a path lies in (`apps/web/`, `packages/ui/`), or '' outside one. Variants are planted in
 * the original's: a variant is written where its original is used, and a component of the web app copied into the
 * email package or a Stripe app would not even resolve its imports there (component-family leaves primitives of
 * one role in different packages, and copies one per app, apart by design: each package serves its own bundle).
 */
const workspaceOf = (path) => /^(apps|packages)\/[^/]+\//.exec(path)?.[0] ?? '';

const renameClass = (w) => (/\d$/.test(w) ? w.replace(/(\d+)$/, (d) => String(Number(d) + 1)) : `${w}-alt`);

/**
 * One variant of a component's declaration: renamed, its destructured props renamed, the classes on its
 * elements renamed, and `edit` (add-prop, remove-prop, edit-tree, or both of add-prop and edit-tree).
 */
export function variantOf(code, name, newName, edit) {
  const sf = ts.createSourceFile('v.tsx', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const st = sf.statements[0];
  const c = st && componentFunction(st);
  if (!c) return null;
  const pattern = c.fn.parameters[0].name;
  const props = pattern.elements.filter((e) => !e.dotDotDotToken && ts.isIdentifier(e.name) && !e.propertyName);
  const removed = edit === 'remove-prop' ? props.find((p) => p.name.text !== 'children' && p.name.text !== 'className') : undefined;
  const renames = new Map(props.filter((p) => p !== removed && p.name.text !== 'children').map((p) => [p.name.text, `${p.name.text}Alt`]));
  const edits = [];
  const visit = (n) => {
    if (ts.isIdentifier(n)) {
      if (n.text === name && n.parent === st.declarationList?.declarations[0])
        edits.push({ start: n.getStart(sf), end: n.getEnd(), text: newName });
      else if (ts.isFunctionDeclaration(n.parent) && n.parent.name === n)
        edits.push({ start: n.getStart(sf), end: n.getEnd(), text: newName });
      else if (ts.isShorthandPropertyAssignment(n.parent) && (renames.has(n.text) || removed?.name.text === n.text))
        edits.push({
          start: n.getStart(sf),
          end: n.getEnd(),
          text: `${n.text}: ${removed?.name.text === n.text ? 'undefined' : renames.get(n.text)}`,
        });
      else if (removed && n.text === removed.name.text && !isPropertyName(n) && !ts.isBindingElement(n.parent))
        edits.push({ start: n.getStart(sf), end: n.getEnd(), text: 'undefined' });
      else if (renames.has(n.text) && !isPropertyName(n)) edits.push({ start: n.getStart(sf), end: n.getEnd(), text: renames.get(n.text) });
    } else if (ts.isJsxAttribute(n) && /^(className|class)$/.test(n.name.getText()) && n.initializer) {
      const classes = (e) => {
        if (ts.isStringLiteralLike(e) && e.text.trim())
          edits.push({
            start: e.getStart(sf) + 1,
            end: e.getEnd() - 1,
            text: e.text
              .split(/(\s+)/)
              .map((w) => (w.trim() ? renameClass(w) : w))
              .join(''),
          });
        else if (ts.isPropertyAccessExpression(e) && /^(styles?|classes|s)$/.test(e.expression.getText()))
          edits.push({ start: e.name.getStart(sf), end: e.name.getEnd(), text: `${e.name.text}Alt` });
        else if (ts.isIdentifier(e)) visit(e);
        else ts.forEachChild(e, classes);
      };
      classes(n.initializer);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(st);
  if (removed) {
    const i = pattern.elements.indexOf(removed);
    const next = pattern.elements[i + 1];
    // the last element takes its trailing comma with it (`{ only, }` would not parse)
    const tail = next ? next.getStart(sf) : removed.getEnd() + (/^\s*,/.exec(code.slice(removed.getEnd()))?.[0].length ?? 0);
    edits.push({ start: removed.getStart(sf), end: tail, text: '' });
  }
  const root = mainRoot(c.fn);
  if (edit === 'add-prop' || edit === 'both') {
    edits.push({ start: pattern.elements[0].getStart(sf), end: pattern.elements[0].getStart(sf), text: 'tone, ' });
    const opening = ts.isJsxElement(root) ? root.openingElement : root;
    edits.push({ start: opening.tagName.getEnd(), end: opening.tagName.getEnd(), text: ' data-tone={tone}' });
  }
  if ((edit === 'edit-tree' || edit === 'both') && ts.isJsxElement(root)) {
    const at = root.openingElement.getEnd();
    edits.push({ start: at, end: at, text: '<span className="sr-only" aria-hidden="true" />' });
  }
  let out = applyEdits(
    code,
    edits.map((e) => [e.start, e.end, e.text]),
  );
  // the props type names the renamed props no more: loosen it rather than keep a type that does not compile
  if (c.fn.parameters[0].type) {
    const t = c.fn.parameters[0].type;
    const typeText = t.getText(sf);
    out = out.replace(`: ${typeText}`, ': any');
  }
  return out;
}

/** The imports of a file, with relative specifiers rewritten for a file in `toDir`. */
function importsFor(text, fromPath, toDir) {
  const sf = ts.createSourceFile(fromPath, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    let spec = st.moduleSpecifier.text;
    if (spec.startsWith('.')) {
      spec = relative(toDir, join(dirname(fromPath), spec))
        .split('\\')
        .join('/');
      if (!spec.startsWith('.')) spec = `./${spec}`;
    }
    out.push(st.getText(sf).replace(st.moduleSpecifier.getText(sf), JSON.stringify(spec)));
  }
  return out.join('\n');
}

/** Plants `families` families into `tree`: each the original and 3-5 variants in other folders. */
export function plantFamilies(tree, { families = 5, seed = 1, roles = false } = {}) {
  const random = rng(seed);
  const files = sourceFiles(tree).filter((f) => f.endsWith('.tsx') && !NOT_PLANTABLE.test(f));
  const candidates = [];
  const workspace = workspacePackages(tree);
  for (const f of files) {
    const text = readFileSync(join(tree, f), 'utf8');
    if (text.length > 300_000 || /@generated|do not edit/i.test(text.slice(0, 500))) continue;
    // icons, drawings, email templates and thin wrappers under minNodes are not reported by design (see
    // rules/component-family.md): planting them measures nothing
    const skip = (c) =>
      c.kind === 'small' ||
      c.tag === 'Html' ||
      /(^|\/)e-?mails?\//.test(f) ||
      /<(svg|path|Svg|Path)\b|Icon(Wrapper)?\b/.test(text.slice(c.start, c.end));
    for (const c of componentsOf(f, text, workspace)) if ((!roles || c.role) && !skip(c)) candidates.push({ ...c, text });
  }
  const dirs = plantableDirs(files, NOT_PLANTABLE);
  const plants = [];
  const used = new Set();
  for (let tries = 0; plants.length < families && tries < families * 50 && used.size < candidates.length; tries++) {
    const i = Math.floor(random() * candidates.length);
    if (used.has(i)) continue;
    used.add(i);
    const c = candidates[i];
    const code = c.text.slice(c.start, c.end);
    const n = 3 + Math.floor(random() * 3);
    const edits = ['add-prop', 'remove-prop', 'edit-tree', 'both', 'add-prop'];
    const variants = [];
    for (let k = 0; k < n; k++) {
      const newName = `${PREFIXES[k]}${c.name}`;
      const v = variantOf(code, c.name, newName, edits[k]);
      if (!v) break;
      const near = dirs.filter((d) => d !== dirname(c.path) && workspaceOf(`${d}/`) === workspaceOf(c.path));
      const dir = near[Math.floor(random() * near.length)] ?? dirname(c.path);
      const path = `${dir === '.' ? '' : `${dir}/`}planted-family-${plants.length}-${k}.tsx`;
      const text = `// planted by scripts/plant-families.mjs\n${importsFor(c.text, c.path, dir)}\n\n${v}\n`;
      writeFileSync(join(tree, path), text);
      variants.push({ path, name: newName, edit: edits[k] });
    }
    if (variants.length === n)
      plants.push({ from: { path: c.path, name: c.name, line: c.line, tag: c.tag, role: c.role, kind: c.kind }, variants });
  }
  return plants;
}

/** Members of a component-family finding as `path` and name: the reported one and each related one. */
export function membersOf(finding) {
  // paths may hold parentheses (Next.js route groups): `Name (app/(auth)/login.tsx:12)`
  const names = new Map([...finding.message.matchAll(/(\w+) \((\S+?):(\d+)\)/g)].map((m) => [`${m[2]}:${m[3]}`, m[1]]));
  return [{ file: finding.file, line: finding.line }, ...finding.related].map((p) => ({
    path: p.file,
    line: p.line,
    name: names.get(`${p.file}:${p.line}`) ?? null,
  }));
}

/** Per planted family: found as one family (original and every variant in one finding, none elsewhere), and the member it keeps. */
export function judge(findings, plants) {
  const families = findings.filter((f) => f.ruleId === 'component-family');
  return plants.map((p) => {
    const paths = [p.from.path, ...p.variants.map((v) => v.path)];
    // the original's file may hold other components, in families of their own: only the original itself counts
    // (by name, or by line past the six members a message names)
    const isOriginal = (m) => m.path === p.from.path && (m.name ? m.name === p.from.name : m.line === p.from.line);
    const holding = families.filter((f) => membersOf(f).some((m) => isOriginal(m) || p.variants.some((v) => v.path === m.path)));
    const one = holding.length === 1 ? holding[0] : null;
    const members = one ? membersOf(one) : [];
    const found = !!one && p.variants.every((v) => members.some((m) => m.path === v.path)) && members.some(isOriginal);
    const keep = one ? (/Keep `(\w+)`/.exec(one.message)?.[1] ?? null) : null;
    // for the record: one copied-code finding holds them all (component-family then leaves them to it)
    const copied = findings.some(
      (f) => f.ruleId === 'copied-code' && paths.every((path) => f.file === path || f.related.some((r) => r.file === path)),
    );
    // kept right: the member kept is one the repository already had, the original or a real member of the family the
    // variants joined (the rule keeps the most imported), never one of the planted variants, which nothing imports
    const keptReal = found && !!keep && !p.variants.some((v) => v.name === keep);
    return { ...p, found, findings: holding.length, keep, keptOriginal: found && keep === p.from.name, keptReal, copied };
  });
}

function main(argv) {
  const opts = { families: 5, seed: 1, roles: false, report: null, keep: false, json: false, cold: false, checkout: null, cli: defaultCli };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--families') opts.families = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--roles') opts.roles = true;
    else if (a === '--report') opts.report = argv[++i] ?? '';
    else if (a === '--keep') opts.keep = true;
    else if (a === '--cli') opts.cli = resolve(argv[++i] ?? '');
    else if (a === '--json') opts.json = true;
    else if (a === '--cold') opts.cold = true;
    else if (!a.startsWith('-') && !opts.checkout) opts.checkout = resolve(a);
    else {
      process.stderr.write(
        `plant-families: unexpected argument ${a}\nusage: node scripts/plant-families.mjs <checkout> [--families N] [--seed S] [--roles] [--report all|confident] [--keep] [--json] [--cold] [--cli plumbline.js]\n`,
      );
      process.exit(2);
    }
  }
  if (!opts.checkout || !statSync(opts.checkout, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write('plant-families: name a checkout directory\n');
    process.exit(2);
  }
  const tree = mkdtempSync(join(tmpdir(), 'plant-families-'));
  try {
    // the checkout's facts cache comes along (keyed by content and path, so only the planted files are parsed): a
    // warm scan of saleor-dashboard takes seconds, a cold one minutes; --cold leaves it out
    const skip = opts.cold ? /(^|\/)(\.git|node_modules|\.plumbline)$/ : /(^|\/)(\.git|node_modules)$/;
    cpSync(opts.checkout, tree, { recursive: true, filter: (src) => !skip.test(src) });
    const plants = plantFamilies(tree, opts);
    const rules = opts.report ? { rules: { 'component-family': ['warn', { report: opts.report }] } } : {};
    writeFileSync(join(tree, 'plant-families.config.json'), JSON.stringify({ preset: 'strict', ...rules }));
    const out = join(tree, 'plant-families.scan.json');
    execFileSync(
      process.execPath,
      [opts.cli, 'scan', tree, '-c', join(tree, 'plant-families.config.json'), '--format', 'json', '-o', out],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const results = judge(JSON.parse(readFileSync(out, 'utf8')).findings, plants);
    const found = results.filter((r) => r.found).length;
    const kept = results.filter((r) => r.keptReal).length;
    if (opts.json)
      process.stdout.write(
        `${JSON.stringify({ checkout: opts.checkout, seed: opts.seed, roles: opts.roles, report: opts.report ?? 'default', found, kept, results }, null, 2)}\n`,
      );
    else {
      const copied = results.filter((r) => !r.found && r.copied).length;
      const providers = results.filter((r) => r.from.kind === 'provider');
      process.stdout.write(
        `${found}/${results.length} planted families found as one family; ${kept} keep a real member; ${copied} of the missed are one copied-code finding; ` +
          `${providers.filter((r) => r.found).length} of the ${providers.length} rooted in a context provider found\n`,
      );
      for (const r of results)
        process.stdout.write(
          `  ${r.found ? 'found ' : 'MISSED'} ${r.from.name} <${r.from.tag}> [${r.from.kind}] (${r.from.path}:${r.from.line}) + ${r.variants.length} variants` +
            `${r.found ? `, keep ${r.keep}` : `, in ${r.findings} finding(s)`}\n`,
        );
    }
    if (opts.keep) process.stderr.write(`plant-families: tree kept at ${tree}\n`);
  } finally {
    if (!opts.keep) rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
