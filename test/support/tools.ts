/**
 * Test-support gates for tests that need an external binary (docker-compose, kubectl): on CI a
 * missing tool fails the test instead of letting it pass vacuously; locally the test is skipped
 * with a printed reason.
 */
import * as fs from 'fs';
import * as path from 'path';

/** True when an executable called `name` is on PATH. */
export function toolAvailable(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Gate for tests that need an external binary. Returns true when it is installed. When it is
 * missing: on CI (`CI=true`) it throws, so the test FAILS instead of passing vacuously; locally it
 * prints why and returns false so the test can skip itself (`if (!requireTool(x)) return;`).
 */
export function requireTool(name: string, installHint = `apt-get install -y --no-install-recommends ${name}`): boolean {
  if (toolAvailable(name)) {
    return true;
  }
  const reason = `${name} is not installed (${installHint})`;
  if (process.env.CI === 'true') {
    throw new Error(`${reason}; it is required on CI`);
  }
  console.warn(`SKIPPED: ${reason}`);
  return false;
}

/**
 * `it` when `name` is installed; otherwise `it.skip` locally (with a printed reason) and, on CI,
 * a test that fails with the reason. Use at collection time: `itWithTool('docker-compose', 'title', () => ...)`.
 */
export function itWithTool(name: string, title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  try {
    (requireTool(name) ? it : it.skip)(title, fn, timeout);
  } catch (e) {
    const error = e as Error;
    it(title, () => {
      throw error;
    });
  }
}

/**
 * `it` when `name` is installed, else `it.skip` with a printed reason, also on CI: for tools
 * that no package we may install provides (kubectl comes with the machine image, not Debian).
 */
export function itWhenPresent(name: string, why: string, title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (toolAvailable(name)) {
    it(title, fn, timeout);
    return;
  }
  console.warn(`SKIPPED: ${name} is not on this machine (${why})`);
  it.skip(title, fn, timeout);
}
