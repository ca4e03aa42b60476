import { durationSeconds, GO_DURATION } from '../../../../lib/shared/parse/duration';

describe('durationSeconds', () => {
  test.each([
    ['1m30s', 90],
    ['30s', 30],
    ['500ms', 0.5],
    ['2h', 7200],
    ['1h1m1s', 3661],
    ['1.5s', 1.5],
    ['30', 30],
    [' 10s ', 10],
    ['250us', 0.00025],
    ['.5s', 0.5],
    ['1μs', 0.000001],
    ['+1h', 3600],
    ['-2s', -2],
    ['0', 0],
    [45, 45],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(durationSeconds(value)).toBeCloseTo(seconds, 9);
  });

  test('an empty duration is zero seconds (as the importer always read it)', () => {
    expect(durationSeconds('')).toBe(0);
  });

  test.each(['abc', '10x', '1m 30s', 's', '-', '1d', '--1s'])('gives NaN for %p', (value) => {
    expect(durationSeconds(value)).toBeNaN();
  });
});

test('reads every duration GO_DURATION accepts (one grammar for the schema check and the readers)', () => {
  for (const text of ['0', '1h', '1m30s', '1.5h', '.5s', '500ms', '10us', '1µs', '1μs', '-2s', '+1h', '1h2m3s4ms5us6ns']) {
    expect(GO_DURATION.test(text)).toBe(true);
    expect(Number.isFinite(durationSeconds(text))).toBe(true);
  }
});

describe('GO_DURATION', () => {
  test.each(['0', '1h', '1m30s', '1.5h', '.5s', '500ms', '10us', '-2s', '+1h'])('accepts %p', (text) => {
    expect(GO_DURATION.test(text)).toBe(true);
  });

  test.each(['', '1', '30', '1d', 'h', '-', '1h 30m', '-0'])('refuses %p', (text) => {
    expect(GO_DURATION.test(text)).toBe(false);
  });
});
