/** `npm run lint` refuses spec ids in strings of core/ and handlers/ (local/lint-messages.ts). */
import { describe, expect, it } from 'vitest';
import { specIdsInStrings } from '../../../local/lint-messages';

describe('the spec-id-in-messages check', () => {
  it('names strings and template parts that carry a spec id, with their line', () => {
    const $ = '$';
    const source = [
      "fail('IncorrectState', 'The default association stays (F-RDA-03).');",
      '// F-RDA-03: comments may cite the specification',
      `const m = \`Pool ${$}{id} is full (F-QUOTA-04).\`;`,
      "fail('x', 'ULA only (F-V6-02).');",
      "const ok = 'F-stop is not an id';",
      `const t = \`${$}{a} then ${$}{b} (F-POOL-10)\`;`,
    ].join('\n');
    expect(specIdsInStrings('core/x.ts', source)).toEqual([
      { file: 'core/x.ts', line: 1, text: "'The default association stays (F-RDA-03).'" },
      { file: 'core/x.ts', line: 3, text: '} is full (F-QUOTA-04).`' },
      { file: 'core/x.ts', line: 4, text: "'ULA only (F-V6-02).'" },
      { file: 'core/x.ts', line: 6, text: '} (F-POOL-10)`' },
    ]);
  });

  it('accepts a file whose ids are all in comments', () => {
    expect(specIdsInStrings('core/x.ts', "/** F-ALLOC-04 */\nfail('x', 'plain words');\n")).toEqual([]);
  });
});
