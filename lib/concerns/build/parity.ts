import type { IntendedDifference } from '../../validation/parity-pair';

/** What the targets may differ in about builds and local development. */
export const BUILD_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'development settings (`dev`: command, args, environment, debugger ports, source mounts)',
    why: 'local development only; the Compose service lists them in its `dev.cdk8s-compose.io/overrides` label, and the parity check skips exactly those',
  },
  {
    feature: 'Compose profiles, named Compose networks and builds from source (`profiles`, `networks`, `build`)',
    why: 'local development only: Kubernetes runs every workload, isolates them with NetworkPolicies and pulls the registry image',
  },
];
