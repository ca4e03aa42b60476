/**
 * Proves the tool gates fail on CI when a tool is missing (so a green run means the tool ran),
 * skip with a reason locally, and let the test run when the tool is there.
 */
import { requireTool } from '../../support/tools';

describe('requireTool', () => {
  const savedCi = process.env.CI;
  afterEach(() => {
    if (savedCi === undefined) {
      delete process.env.CI;
    } else {
      process.env.CI = savedCi;
    }
    jest.restoreAllMocks();
  });

  test('fails on CI when the binary is absent', () => {
    // GIVEN
    process.env.CI = 'true';
    // WHEN / THEN
    expect(() => requireTool('no-such-tool-for-tests')).toThrow(/no-such-tool-for-tests is not installed .*required on CI/);
  });

  test('returns false with a printed reason locally when the binary is absent', () => {
    // GIVEN
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // WHEN
    const available = requireTool('no-such-tool-for-tests');
    // THEN
    expect(available).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPED: no-such-tool-for-tests is not installed'));
  });

  test('returns true when the binary is on PATH', () => {
    expect(requireTool('node')).toBe(true);
  });
});
