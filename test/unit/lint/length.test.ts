/** `npm run lint` refuses functions over 60 lines in core/ and handlers/ (local/lint-length.ts). */
import { describe, expect, it } from 'vitest';
import { longFunctions } from '../../../local/lint-length';

const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('the function length check', () => {
  it('names each function over the limit with its length, nested ones too', () => {
    const source = `export const short = () => {\n${body(3)}\n};\nexport function long() {\n${body(59)}\n  const inner = () => {\n${body(60)}\n  };\n}\n`;
    expect(longFunctions('core/x.ts', source)).toEqual([
      { file: 'core/x.ts', name: 'long', lines: 123 },
      { file: 'core/x.ts', name: 'inner', lines: 62 },
    ]);
  });

  it('accepts a function of exactly 60 lines', () => {
    expect(longFunctions('core/x.ts', `const f = () => {\n${body(58)}\n};\n`)).toEqual([]);
  });
});
