import { compareCodeUnits } from './ordering';

describe('compareCodeUnits', () => {
  it('sorts by UTF-16 code units: upper case before lower case, no locale folding', () => {
    expect(['b', 'a', 'B', 'ä', 'A'].sort(compareCodeUnits)).toEqual(['A', 'B', 'a', 'b', 'ä']);
    expect(compareCodeUnits('x', 'x')).toBe(0);
  });
});
