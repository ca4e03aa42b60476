import * as path from 'path';

/** A path inside the project folder, as the library writes it (`services/api`, `.`), or undefined. */
export function projectPath(p: string): string | undefined {
  if (p.startsWith('/') || p.startsWith('~') || /^[a-z]+:\/\//i.test(p) || p.includes(':') || p.startsWith('git@')) {
    return undefined;
  }
  const normal = path.posix.normalize(p).replace(/\/$/, '');
  return normal.startsWith('..') || normal === '' ? undefined : normal;
}
