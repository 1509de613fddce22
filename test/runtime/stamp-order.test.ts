import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints } from '../../src/runtime/stamp.js';

describe('compareCodePoints', () => {
  it('orders astral characters after U+E000..U+FFFF, unlike UTF-16 `<`', () => {
    expect(compareCodePoints('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF21').toBe(true); // the trap it avoids
  });
  it('agrees with UTF-8 byte order on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
    );
  });
});
