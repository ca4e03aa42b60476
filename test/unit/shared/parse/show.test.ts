import { Duration } from 'cdk8s';
import { show } from '../../../../lib/shared/parse/show';

describe('show', () => {
  test.each([
    ['text', "'text'"],
    [42, '42'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [true, 'true'],
    [undefined, 'undefined'],
    [null, 'null'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1, b: Number.NaN }, '{"a":1,"b":"NaN"}'],
  ])('shows %p as %s', (value, shown) => {
    expect(show(value)).toBe(shown);
  });

  test('shows a function by its name', () => {
    function handler(): void {}
    expect(show(handler)).toBe('a function handler');
  });

  test('shows a cdk8s Duration in words, not its fields', () => {
    expect(show(Duration.seconds(90))).toMatch(/^Duration 1 minute 30 seconds$/);
  });

  test('shows a value JSON cannot write (a cycle) as a string', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(show(cycle)).toBe('[object Object]');
  });
});
