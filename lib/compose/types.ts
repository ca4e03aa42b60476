/**
 * The subset of the Compose file format this library writes: the part that the
 * compose-spec schema and docker-compose 1.29 both accept (no top-level `name:`,
 * no `version:`), so the file runs with `docker compose` and `docker-compose`.
 *
 * @see https://docs.docker.com/reference/compose-file/
 */

/** A Compose healthcheck. */
export interface ComposeHealthcheck {
  readonly test: string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period: string;
}

/** A `depends_on` entry. */
export interface ComposeDependency {
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
}

/** One Compose service. */
export interface ComposeService {
  readonly image: string;
  readonly entrypoint?: string[];
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly expose?: string[];
  readonly ports?: string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly depends_on?: Record<string, ComposeDependency>;
  readonly deploy: {
    readonly replicas: number;
    readonly resources: {
      readonly limits: { readonly cpus: string; readonly memory: string };
      readonly reservations: { readonly cpus: string; readonly memory: string };
    };
  };
  readonly read_only: boolean;
  readonly tmpfs?: string[];
  readonly cap_drop: string[];
  readonly security_opt: string[];
  readonly user: string;
  readonly networks: string[];
  readonly volumes?: string[];
  readonly restart: 'no' | 'unless-stopped';
  readonly profiles?: string[];
  readonly labels: Record<string, string>;
}

/** A whole Compose file. */
export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly networks: Record<string, { readonly internal?: boolean }>;
  readonly volumes?: Record<string, Record<string, never>>;
}
