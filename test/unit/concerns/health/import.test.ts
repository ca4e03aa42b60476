import { duration } from '../../../../lib/concerns/health/import';

describe('duration', () => {
  test('Go durations in seconds', () => {
    expect(duration('1h2m3s', 'd')).toBe(3723);
    expect(duration(30, 'd')).toBe(30);
  });
});
