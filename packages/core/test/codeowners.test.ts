import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners } from '../src/codeowners.js';

describe('CODEOWNERS', () => {
  const rules = parseCodeowners(`
# comment
*                 @org/everyone
/apps/web/        @org/web
src/checkout/**   @org/checkout   # trailing comment
*.css             @org/design
docs/             @org/docs
[Section]
/apps/web/legacy/ @org/legacy @alice
`);
  it('the last matching rule wins', () => {
    expect(ownersOf(rules, 'apps/web/legacy/a.ts')).toEqual(['@org/legacy', '@alice']);
    expect(ownersOf(rules, 'apps/web/src/a.ts')).toEqual(['@org/web']);
    expect(ownersOf(rules, 'apps/web/src/a.css')).toEqual(['@org/design']);
  });
  it('anchors patterns with a slash inside, floats those without', () => {
    expect(ownersOf(rules, 'src/checkout/pay.ts')).toEqual(['@org/checkout']);
    expect(ownersOf(rules, 'pkg/src/checkout/pay.ts')).toEqual(['@org/everyone']);
    expect(ownersOf(rules, 'pkg/docs/readme.ts')).toEqual(['@org/docs']);
  });
  it('no rule, no owner', () => {
    expect(ownersOf(parseCodeowners('/a/ @x'), 'b/c.ts')).toEqual([]);
  });
});
