import { describe, expect, it } from 'vitest';
import { type AlgebraicType, Ty } from '../../sats/algebraic-type.js';
import { quoteArgument } from './call-command.js';

const IDENTITY: AlgebraicType = {
  tag: 'Product',
  value: { elements: [{ name: '__identity__', algebraicType: Ty.U256 }] },
};
const hex = `c200${'ab'.repeat(30)}`;

describe('quoteArgument', () => {
  it('quotes bare strings for string parameters, leaving quoted ones alone', () => {
    expect(quoteArgument('Alice', Ty.String)).toBe('"Alice"');
    expect(quoteArgument('"Alice"', Ty.String)).toBe('"Alice"');
    expect(quoteArgument('say "hi"', Ty.String)).toBe('"say \\"hi\\""');
  });

  it('turns bare or 0x hex into an identity tuple', () => {
    expect(quoteArgument(hex, IDENTITY)).toBe(`["0x${hex}"]`);
    expect(quoteArgument(`0x${hex}`, IDENTITY)).toBe(`["0x${hex}"]`);
    expect(quoteArgument(`{"__identity__": "0x${hex}"}`, IDENTITY)).toBe(
      `{"__identity__": "0x${hex}"}`,
    );
  });

  it('passes other JSON through', () => {
    expect(quoteArgument('42', Ty.U32)).toBe('42');
    expect(quoteArgument('[1,2]', { tag: 'Array', value: Ty.U8 })).toBe('[1,2]');
  });
});
