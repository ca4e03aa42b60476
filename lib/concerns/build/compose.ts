import * as path from 'path';
import type { ComposeService } from '../../render/compose/types';
import { DEV_OVERRIDES_LABEL } from '../../shared/naming/labels';
import { escapeDollar } from '../../shared/naming/variables';
import type { ContainerSpec } from '../pod/model';
import type { WorkloadModel } from '../../model/workload';
import { compareStrings } from '../../shared/util';
import { hostPortRange } from '../ports/compose';

/**
 * How Compose builds the image from source. Build paths are relative to the project root;
 * Compose reads them relative to its file (`sourceRoot` is the root seen from there), and
 * interpolates `$` in every string: written `$$`, it reaches the build as is.
 */
export function composeBuild(w: WorkloadModel, sourceRoot: string): Pick<ComposeService, 'build'> {
  const b = w.build;
  if (!b) {
    return { build: undefined };
  }
  const args = Object.entries(b.args);
  return {
    build: {
      context: escapeDollar(path.posix.join(sourceRoot, b.context)),
      dockerfile: b.dockerfile && escapeDollar(b.dockerfile),
      target: b.target,
      args: args.length > 0 ? Object.fromEntries(args.map(([k, v]) => [k, escapeDollar(v)])) : undefined,
    },
  };
}

/** The main container as Compose runs it: the development command, args and environment replace the production ones. */
export function developmentContainer(w: WorkloadModel): ContainerSpec {
  const dev = w.dev;
  return {
    name: w.name,
    image: w.image,
    imagePullPolicy: w.imagePullPolicy,
    command: dev?.command ?? w.command,
    args: dev?.args ?? w.args,
    env: dev ? new Map([...w.env, ...dev.env]) : w.env,
    ports: w.ports,
    resources: w.resources,
    security: w.security,
  };
}

/** What local development adds to a service: debugger ports, source mounts, and the label that lists every override. */
export interface DevelopmentParts {
  /** Published on 127.0.0.1 only. */
  readonly ports: string[];
  /** Bind mounts of source folders. */
  readonly mounts: string[];
  /** The overrides label (for the parity check, which skips exactly those), or nothing. */
  readonly labels: Record<string, string>;
}

/** The development additions of a service (see {@link DevelopmentParts}). */
export function composeDevelopment(w: WorkloadModel, sourceRoot: string): DevelopmentParts {
  const dev = w.dev;
  if (!dev) {
    return { ports: [], mounts: [], labels: {} };
  }
  const overrides = [
    ...(dev.command ? ['command'] : []),
    ...(dev.args ? ['args'] : []),
    ...[...dev.env.keys()].map((k) => `environment.${k}`),
    ...dev.ports.map((p) => `ports.${p.port}`),
    ...dev.mounts.map((m) => `volumes.${m.target}`),
  ];
  return {
    ports: dev.ports.map((p) => `127.0.0.1:${hostPortRange(p.publish, w.replicas)}:${p.port}`),
    mounts: dev.mounts.map((m) => escapeDollar(`${bindSource(path.posix.join(sourceRoot, m.source))}:${m.target}${m.readOnly ? ':ro' : ''}`)),
    labels: overrides.length > 0 ? { [DEV_OVERRIDES_LABEL]: overrides.sort(compareStrings).join(',') } : {},
  };
}

/** A bind mount's source as Compose reads it: a path that starts with `.` or `/` (anything else names a volume). */
function bindSource(p: string): string {
  return p.startsWith('.') || p.startsWith('/') ? p : `./${p}`;
}
