/** A transform's test fixture: `<case>.input.ts` or `<case>.output.ts`, named after the case it tests. */
const FIXTURE = /^(.*)\.(input|output)(\.[cm]?[jt]sx?)$/;

/**
 * Inputs and expected outputs of a code transform's tests (a codemod's `basic.input.ts` beside
 * `basic.output.ts`): data a test reads and compares, written in exactly the form the transform rewrites, old
 * imports included. Only pairs count: a lone `create-user.input.ts` is an API's input type, product code.
 */
export function transformFixtures(paths: Iterable<string>): Set<string> {
  const all = new Set(paths);
  const fixtures = new Set<string>();
  for (const p of all) {
    const m = FIXTURE.exec(p);
    if (m && all.has(`${m[1]}.${m[2] === 'input' ? 'output' : 'input'}${m[3]}`)) fixtures.add(p);
  }
  return fixtures;
}
