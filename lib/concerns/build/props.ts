import * as path from 'path';
import type { EnvValue } from '../env/env-value.model';
import type { BuildSpec, DevSpec } from './model';
import { checkArgv } from '../container/props';
import { ENV_MAP, normalizeEnv } from '../env/props';
import { isPort } from '../../shared/naming/limits';
import { collect, sortBy } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { bool, listOf, num, obj, optional, required, str, stringMap, strings } from '../../shared/shape';
import type { Fields } from '../../shared/shape';

/**
 * The props of builds from source and of local development (Compose only): their shapes,
 * defaults and checks.
 */

/** How an image is built from source (Compose `build`, and the images manifest for CI). */
export interface BuildOptions {
  /** The build context, relative to the directory `cdk8s synth` runs in (the project root). */
  readonly context: string;
  /**
   * The Dockerfile, relative to the context.
   * @default 'Dockerfile'
   */
  readonly dockerfile?: string;
  /**
   * The stage of a multi-stage Dockerfile to build.
   * @default - the last stage
   */
  readonly target?: string;
  /**
   * Build arguments (`--build-arg`). Never a secret: they end up in the image's history.
   * @default - none
   */
  readonly args?: Record<string, string>;
}

/** Compose-only settings for local development (Kubernetes is unaffected). */
export interface ComposeOptions {
  /**
   * Compose profiles the service belongs to: it starts only when one of them is active
   * (`docker compose --profile seed up`), e.g. seed jobs and admin tools. Scheduled Workers are
   * always in the `scheduled` profile as well.
   * @see https://docs.docker.com/reference/compose-file/profiles/
   * @default - none: the service always starts
   */
  readonly profiles?: string[];

  /**
   * Further Compose networks the service joins, by name (declared in the file, scoped to the
   * Compose project), e.g. a network of a gateway and the services it routes to. The networks
   * derived from connections stay.
   * @default - only the networks derived from connections
   */
  readonly networks?: string[];

  /**
   * Local development only: what Compose runs instead, and what it adds, so that the code in
   * front of the developer runs and reloads. Never reaches the Kubernetes output.
   * @default - Compose runs what Kubernetes runs
   */
  readonly dev?: DevOptions;
}

/** A source folder or file of the project bind-mounted into the container (Compose only). */
export interface SourceMount {
  /** Path relative to the project root (where cdk8s synth runs), e.g. `services/api/src`. */
  readonly source: string;
  /** Absolute path in the container, e.g. `/app/src`. */
  readonly target: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A port opened for development only, e.g. a debugger (Compose only). */
export interface DevPort {
  /** Port name, e.g. `debug`. */
  readonly name: string;
  /** Container port, e.g. 9229. */
  readonly port: number;
  /**
   * Host port on 127.0.0.1.
   * @default - the container port
   */
  readonly publish?: number;
}

/** Development settings of a workload, used by Compose only. */
export interface DevOptions {
  /**
   * The entrypoint in development, e.g. `['npx', 'nodemon']`.
   * @default - the workload's command
   */
  readonly command?: string[];
  /**
   * The arguments in development, e.g. `['--inspect=0.0.0.0:9229', 'server.js']`.
   * @default - the workload's args
   */
  readonly args?: string[];
  /**
   * Extra or overriding environment variables in development (never secrets: plain values).
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * Extra ports published in development (debuggers).
   * @default - none
   */
  readonly ports?: DevPort[];
  /**
   * Source bind mounts, so that a reloading process sees edits without a rebuild.
   * @default - none
   */
  readonly mounts?: SourceMount[];
}

/** Checks the development settings; ports sorted by number, mounts by target. */
export function normalizeDev(dev: DevOptions | undefined, problems: string[]): DevSpec | undefined {
  if (dev === undefined) {
    return undefined;
  }
  const env = new Map<string, EnvValue>();
  normalizeEnv(dev.env, env, problems);
  for (const [name, value] of env) {
    if (value.isSecret) {
      problems.push(`dev.env ${name} reads a secret; allowed: plain development values (EnvValue.fromValue)`);
    }
  }
  checkArgv('dev.command', dev.command, '', problems);
  checkArgv('dev.args', dev.args, '', problems);
  const ports = (dev.ports ?? []).map((p) => {
    if (!isPort(p?.port) || (p.publish !== undefined && !isPort(p.publish))) {
      problems.push(`dev.ports ${show(p)} is invalid; allowed: { name, port, publish? } with ports from 1 to 65535`);
    }
    return { name: p?.name, port: p?.port, publish: p?.publish ?? p?.port };
  });
  const mounts = (dev.mounts ?? []).map((m) => {
    collect(problems, checkProjectPath('dev.mounts source', m?.source));
    if (typeof m?.target !== 'string' || !m.target.startsWith('/') || m.target.includes(':')) {
      problems.push(`dev.mounts target ${show(m?.target)} is invalid; allowed: an absolute path in the container, without ':'`);
    }
    return { source: m?.source, target: m?.target, readOnly: m?.readOnly ?? false };
  });
  return {
    command: dev.command,
    args: dev.args,
    env,
    ports: [...ports].sort((a, b) => a.port - b.port),
    mounts: sortBy(mounts, (m) => String(m.target)),
  };
}

/** Checks Compose profile or network names (the compose-spec's pattern); sorted, without duplicates. */
export function composeNames(what: string, names: string[] | undefined, problems: string[]): string[] {
  if (names === undefined) {
    return [];
  }
  if (!Array.isArray(names)) {
    problems.push(`${what} ${show(names)} is invalid; allowed: a list of names`);
    return [];
  }
  for (const n of names) {
    if (typeof n !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(n)) {
      problems.push(`${what} entry ${show(n)} is invalid; allowed: letters, digits, '_', '.' and '-', starting with a letter or digit`);
    }
  }
  return [...new Set(names)].sort();
}

/**
 * Returns a problem when `p` is not a path inside the project (where cdk8s synth runs): empty,
 * absolute, leaving it through '..', or holding ':' (Compose's short volume syntax splits there).
 */
function checkProjectPath(what: string, p: unknown): string | undefined {
  const inside = typeof p === 'string' && p !== '' && !p.startsWith('/') && !p.includes(':') && !path.posix.normalize(p).startsWith('..');
  return inside
    ? undefined
    : `${what} ${show(p)} is invalid; allowed: a path inside the project root (where cdk8s synth runs), without ':', e.g. 'services/api'`;
}

/** Checks a build: a context inside the project, a relative Dockerfile, string args; args sorted. */
export function normalizeBuild(build: BuildOptions | undefined, problems: string[]): BuildSpec | undefined {
  if (build === undefined) {
    return undefined;
  }
  collect(problems, checkProjectPath('build.context', build.context));
  // The Dockerfile is relative to the context (it may be '../Dockerfile.shared').
  if (build.dockerfile !== undefined && (typeof build.dockerfile !== 'string' || build.dockerfile === '' || build.dockerfile.startsWith('/'))) {
    problems.push(`build.dockerfile ${show(build.dockerfile)} is invalid; allowed: a path relative to the build context, e.g. 'Dockerfile.prod'`);
  }
  if (build.target !== undefined && (typeof build.target !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(build.target))) {
    problems.push(`build.target ${show(build.target)} is invalid; allowed: a stage name of the Dockerfile`);
  }
  const args: Record<string, string> = {};
  for (const [k, v] of sortBy(Object.entries(build.args ?? {}), ([key]) => key)) {
    if (typeof v !== 'string') {
      problems.push(`build.args ${k} is ${show(v)}; allowed: a string`);
    }
    args[k] = v;
  }
  return { context: build.context, dockerfile: build.dockerfile ?? 'Dockerfile', target: build.target, args };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const COMPOSE_FIELDS: Fields<ComposeOptions> = {
  profiles: optional(strings),
  networks: optional(strings),
  dev: optional(
    obj<DevOptions>({
      command: optional(strings),
      args: optional(strings),
      env: optional(ENV_MAP),
      mounts: optional(listOf(obj<SourceMount>({ source: required(str), target: required(str), readOnly: optional(bool) }), 'a list of mounts')),
      ports: optional(listOf(obj<DevPort>({ name: required(str), port: required(num), publish: optional(num) }), 'a list of ports')),
    }),
  ),
};

export const BUILD = obj<BuildOptions>({ context: required(str), dockerfile: optional(str), target: optional(str), args: optional(stringMap) });
