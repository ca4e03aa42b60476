import * as path from 'path';
import { emitApp } from './emit';
import type { ImportResult } from './map';
import { mapProject } from './map';
import type { Variables } from './interpolate';
import { readProject } from './read';

export { ImportError } from './problems';
export type { ImportWarning } from './problems';
export type { ImportResult } from './map';

/** Options of `importCompose`. */
export interface ImportOptions {
  /** The variables interpolation reads (over the `.env` next to the file). */
  readonly env?: Variables;
  /** How the generated header names the Compose file. */
  readonly label?: string;
}

/**
 * Imports a Compose file: reads it as Compose does and returns a TypeScript cdk8s app that
 * defines the same services with this library's constructs, and the warnings for every
 * Compose key the app does not carry. Throws an ImportError for an invalid file or one it
 * cannot import at all.
 */
export function importCompose(file: string, options: ImportOptions = {}): ImportResult {
  const project = readProject(file, options.env ?? {});
  const { plan, result } = mapProject(project, options.label ?? path.basename(file));
  return { ...result, source: emitApp(plan) };
}

/** A warning as the CLI prints it: `warning: services.web.cap_add: ...`. */
export function formatWarning(w: { key: string; message: string }): string {
  return `warning: ${w.key}: ${w.message}`;
}
