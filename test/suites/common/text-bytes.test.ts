import { describe, expect, it } from 'vitest';
import { largeTextBytes, textBytes } from '../../../suites/common/text-bytes.js';

describe('textBytes', () => {
  it('is the same for the same seed, and ends mid-line for every seed', () => {
    expect(textBytes(100, 7)).toEqual(textBytes(100, 7));
    let linesInside = 0;
    for (let seed = 0; seed < 500; seed += 1) {
      const text = textBytes(40, seed);
      expect(text.at(-1)).not.toBe(0x0a);
      if (text.subarray(0, -1).includes(0x0a)) linesInside += 1;
    }
    // Newlines stay inside the text: only the last byte is kept from being one.
    expect(linesInside).toBeGreaterThan(50);
  });

  it('ends the large payloads mid-line too, leaving the shared bytes as they are', () => {
    const whole = largeTextBytes(1 << 20, 3);
    const endsLines = [...Array(2000).keys()]
      .map((index) => (1 << 20) - index)
      .filter((size) => whole[size - 1] === 0x0a);
    expect(endsLines.length).toBeGreaterThan(0);
    for (const size of endsLines) {
      expect(largeTextBytes(size, 3).at(-1)).not.toBe(0x0a);
      expect(whole[size - 1]).toBe(0x0a);
    }
  });
});
