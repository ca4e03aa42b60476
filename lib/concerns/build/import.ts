import * as fs from 'fs';
import * as path from 'path';
import type { Value } from '../../import/emit';
import type { AppNotes } from '../../import/notes';
import { projectPath } from '../../import/project-path';
import { invalid, isMapping } from '../../import/problems';
import { optionalString } from '../../import/syntax';

/** How a Compose `build` (a path or a mapping) is read and becomes the `build` prop. */

/** Build and development keys with no prop, and why. */
export const BUILD_KEYS_KEPT_OUT: Record<string, string> = {
  develop: 'Compose v2 file watch is not written (code reloads through dev.mounts)',
};

/** A `build` in one shape (a string is its context). */
export interface NormalizedBuild {
  readonly context: string;
  readonly dockerfile?: string;
  readonly target?: string;
  readonly args: Record<string, string>;
}

/** `build` as a path to its context or a mapping; keys BuildOptions does not have go to `unmapped`. */
export function normalizeBuild(value: unknown, key: string, unmapped: Array<[string, string]>): NormalizedBuild | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return { context: value, args: {} };
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a path to the build context, or a mapping with context, dockerfile, target, args');
  }
  const args: Record<string, string> = {};
  const raw = value.args ?? {};
  if (Array.isArray(raw)) {
    for (const a of raw) {
      const [k, ...v] = String(a).split('=');
      if (v.length > 0) {
        args[k] = v.join('=');
      }
    }
  } else if (isMapping(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v !== null && v !== undefined) {
        args[k] = String(v);
      }
    }
  } else {
    throw invalid(`${key}.args`, raw, 'a mapping of names to values, or a list of NAME=value');
  }
  for (const k of Object.keys(value).sort()) {
    if (!['context', 'dockerfile', 'target', 'args'].includes(k)) {
      unmapped.push([`build.${k}`, 'no equivalent in BuildOptions (context, dockerfile, target, args)']);
    }
  }
  return {
    context: optionalString(value.context, `${key}.context`) ?? '.',
    dockerfile: optionalString(value.dockerfile, `${key}.dockerfile`),
    target: optionalString(value.target, `${key}.target`),
    args,
  };
}

/** The `build` prop from a Compose `build`: a context inside the project folder, or none (Compose then pulls the image). */
export function buildOf(b: NormalizedBuild | undefined, projectDir: string, { skip, remark }: AppNotes): Value | undefined {
  if (!b) {
    return undefined;
  }
  const context = projectPath(b.context);
  if (context === undefined) {
    skip('build.context', `'${b.context}' is outside the project folder (or a URL): the build is not carried, Compose pulls the image`);
    return undefined;
  }
  if (!fs.existsSync(path.join(projectDir, context))) {
    remark('build.context', `'${b.context}' is not here: the reference is carried over as written`);
  }
  const build: Value = {
    context,
    dockerfile: b.dockerfile && !b.dockerfile.startsWith('/') ? b.dockerfile : undefined,
    target: b.target,
    args: Object.keys(b.args).length > 0 ? sortedRecord(b.args) : undefined,
  };
  if (b.dockerfile?.startsWith('/')) {
    skip('build.dockerfile', `'${b.dockerfile}' is absolute: the context's Dockerfile is used`);
  }
  return build;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
