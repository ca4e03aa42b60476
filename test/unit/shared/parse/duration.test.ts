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
    [45, 45],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(durationSeconds(value)).toBeCloseTo(seconds, 9);
  });

  test('an empty duration is zero seconds (as the importer always read it)', () => {
    expect(durationSeconds('')).toBe(0);
  });

  test.each(['abc', '10x', '1m 30s', '-5s', 's'])('gives NaN for %p', (value) => {
    expect(durationSeconds(value)).toBeNaN();
  });
});

describe('GO_DURATION', () => {
  test.each(['0', '1h', '1m30s', '1.5h', '.5s', '500ms', '10us', '-2s', '+1h'])('accepts %p', (text) => {
    expect(GO_DURATION.test(text)).toBe(true);
  });

  test.each(['', '1', '30', '1d', 'h', '-', '1h 30m', '-0'])('refuses %p', (text) => {
    expect(GO_DURATION.test(text)).toBe(false);
  });
});
