import { duration } from '../../../../lib/concerns/health/import';

describe('duration', () => {
  test('Go durations in seconds', () => {
    expect(duration('1h2m3s', 'd')).toBe(3723);
    expect(duration(30, 'd')).toBe(30);
    // Go durations as Compose reads them: a fraction without a leading digit, an explicit sign.
    expect(duration('.5s', 'd')).toBe(0.5);
    expect(duration('+1m', 'd')).toBe(60);
  });

  test('fails when a duration is negative (Compose reads it, no timing can be)', () => {
    expect(() => duration('-5s', 'services.web.healthcheck.interval')).toThrow(/services.web.healthcheck.interval: '-5s' is invalid; allowed: a duration/);
  });
});
