import type { EnvValue } from '../env/env-value.model';

// The model of build and development: how Compose builds the image, and development settings.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** How Compose builds an image from source (paths relative to the project root). */
export interface BuildSpec {
  readonly context: string;
  readonly dockerfile: string;
  readonly target?: string;
  /** Sorted by name. */
  readonly args: Record<string, string>;
}

/** Development settings, used by Compose only. */
export interface DevSpec {
  readonly command?: string[];
  readonly args?: string[];
  readonly env: Map<string, EnvValue>;
  /** Sorted by container port. */
  readonly ports: Array<{ readonly name: string; readonly port: number; readonly publish: number }>;
  /** Sorted by target; sources relative to the project root. */
  readonly mounts: Array<{ readonly source: string; readonly target: string; readonly readOnly: boolean }>;
}
