/**
 * The subset of the Compose file format this library writes: the part that the
 * compose-spec schema and docker-compose 1.29 both accept (no top-level `name:`,
 * no `version:`), so the file runs with `docker compose` and `docker-compose`.
 *
 * @see https://docs.docker.com/reference/compose-file/
 */

/** A Compose healthcheck. */
export interface ComposeHealthcheck {
  /** `['CMD', ...argv]`: the command Compose runs inside the container. */
  readonly test: string[];
  /** Time between checks, e.g. `10s`. */
  readonly interval: string;
  /** Time one check may take. */
  readonly timeout: string;
  /** Consecutive failures before the container is unhealthy. */
  readonly retries: number;
  /** Start-up time during which failures do not count. */
  readonly start_period: string;
}

/** A `depends_on` entry. */
export interface ComposeDependency {
  /** What Compose waits for before starting the dependant. */
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
}

/** CPU and memory of a Compose service. */
export interface ComposeResourceValues {
  /** CPUs, e.g. `0.5`. */
  readonly cpus: string;
  /** Memory, e.g. `256m` (binary units). */
  readonly memory: string;
}

/** `deploy:` of a Compose service. */
export interface ComposeDeploy {
  /** Number of containers. */
  readonly replicas: number;
  /** Limits (Kubernetes limits) and reservations (Kubernetes requests). */
  readonly resources: ComposeResources;
}

/** `deploy.resources` of a Compose service. */
export interface ComposeResources {
  /** The most the container may use (Kubernetes limits). */
  readonly limits: ComposeResourceValues;
  /** What is set aside for it (Kubernetes requests; docker-compose 1.29 ignores CPU reservations). */
  readonly reservations: ComposeResourceValues;
}

/** How Compose builds an image. */
export interface ComposeBuild {
  /** The build context, relative to the Compose file. */
  readonly context: string;
  /** The Dockerfile, relative to the context. */
  readonly dockerfile: string;
  /** The stage to build. */
  readonly target?: string;
  /** Build arguments. */
  readonly args?: Record<string, string>;
}

/** One Compose service. */
export interface ComposeService {
  /** Image reference (with `build`, the tag Compose gives the image it builds). */
  readonly image: string;
  /** How Compose builds the image from source. */
  readonly build?: ComposeBuild;
  /** Overrides the image's ENTRYPOINT (Kubernetes `command`). */
  readonly entrypoint?: string[];
  /** Overrides the image's CMD (Kubernetes `args`). */
  readonly command?: string[];
  /** Environment, with `$` escaped and secrets read from the env file. */
  readonly environment?: Record<string, string>;
  /** The container ports (as in Kubernetes). */
  readonly expose?: string[];
  /** Ports published on 127.0.0.1 of the developer's machine. */
  readonly ports?: string[];
  /** The health check dependants wait for. */
  readonly healthcheck?: ComposeHealthcheck;
  /** Start order. */
  readonly depends_on?: Record<string, ComposeDependency>;
  /** Replicas and resources. */
  readonly deploy: ComposeDeploy;
  /** Read-only root filesystem. */
  readonly read_only: boolean;
  /** Writable paths on the read-only root. */
  readonly tmpfs?: string[];
  /** Dropped capabilities (`ALL`). */
  readonly cap_drop: string[];
  /** Capabilities added back. */
  readonly cap_add?: string[];
  /** `no-new-privileges:true`. */
  readonly security_opt: string[];
  /** `uid:gid`. */
  readonly user: string;
  /** Networks the service joins (none for a sidecar, which shares its main service's network). */
  readonly networks?: string[];
  /** `service:<main>` for a sidecar: the network namespace of the main container, as in a pod. */
  readonly network_mode?: string;
  /** How long Compose waits after SIGTERM (Kubernetes `terminationGracePeriodSeconds`). */
  readonly stop_grace_period?: string;
  /** Size of /dev/shm, e.g. `128m`. */
  readonly shm_size?: string;
  /** Named volumes and read-only config file binds. */
  readonly volumes?: string[];
  /** `unless-stopped` for services, `no` for jobs. */
  readonly restart: 'no' | 'unless-stopped';
  /** `scheduled` for scheduled jobs, which only run on demand. */
  readonly profiles?: string[];
  /** The app.kubernetes.io name and part-of labels. */
  readonly labels: Record<string, string>;
}

/** A Compose network. */
export interface ComposeNetwork {
  /** No route outside (databases that publish no port). */
  readonly internal?: boolean;
}

/** A whole Compose file. */
export interface ComposeFile {
  /** Services by name (the Kubernetes service names). */
  readonly services: Record<string, ComposeService>;
  /** `default` and one network per database. */
  readonly networks: Record<string, ComposeNetwork>;
  /** Named volumes of the databases. */
  readonly volumes?: Record<string, Record<string, never>>;
}
