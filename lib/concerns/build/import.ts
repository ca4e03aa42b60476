import * as fs from 'fs';
import * as path from 'path';
import type { Value } from '../../import/emit';
import type { NormalizedService } from '../../import/normalize';
import type { AppNotes } from '../../import/notes';
import { projectPath } from '../../import/project-path';

/** The `build` prop from a Compose `build`: a context inside the project folder, or none (Compose then pulls the image). */
export function buildOf(b: NormalizedService['build'], projectDir: string, { skip, remark }: AppNotes): Value | undefined {
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
