import { DevOptions, EnvValue, Memory, SecretsBackend } from '../../lib';

/**
 * What differs between the shop's environments, typed: one definition of the app
 * (app.ts) and one value of this interface per environment.
 */
export interface ShopSettings {
  /** Environment name: output goes to dist/<name>/. */
  readonly name: string;
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Public host name of the shop. */
  readonly host: string;
  /** Image tags. */
  readonly apiTag: string;
  readonly webTag: string;
  /** Fixed API replicas (without autoscaling). */
  readonly apiReplicas?: number;
  /** API autoscaling bounds. */
  readonly apiAutoscaling?: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpuTargetPercent?: number };
  /** Web frontend replicas. */
  readonly webReplicas: number;
  /** Database volume size. */
  readonly databaseStorage: Memory;
  /** Log level of the API. */
  readonly logLevel: string;
  /** Where Secrets come from. */
  readonly secrets: SecretsBackend;
  /** Whether to write a Compose file (local development only). */
  readonly compose: boolean;
  /** What the API runs with in Compose (a debugger, development settings); never in Kubernetes. */
  readonly apiDev?: DevOptions;
}

/** Local development: one replica each, a Compose file, Secrets created by hand. */
export const DEV: ShopSettings = {
  name: 'dev',
  namespace: 'shop-dev',
  host: 'shop.dev.example.com',
  apiTag: '1.5.0-rc.1',
  webTag: '2.1.0-rc.2',
  apiReplicas: 1,
  webReplicas: 1,
  databaseStorage: Memory.gibibytes(1),
  logLevel: 'debug',
  secrets: SecretsBackend.existing(),
  compose: true,
  // Attach a debugger on 127.0.0.1:9229; pretty logs.
  apiDev: {
    env: { NODE_OPTIONS: EnvValue.fromValue('--inspect=0.0.0.0:9229'), LOG_FORMAT: EnvValue.fromValue('pretty') },
    ports: [{ name: 'debug', port: 9229 }],
  },
};

/** Production: autoscaled API, two web replicas, credentials from Vault through External Secrets. */
export const PROD: ShopSettings = {
  name: 'prod',
  namespace: 'shop',
  host: 'shop.example.com',
  apiTag: '1.4.2',
  webTag: '2.0.1',
  apiAutoscaling: { minReplicas: 2, maxReplicas: 6, cpuTargetPercent: 75 },
  webReplicas: 2,
  databaseStorage: Memory.gibibytes(10),
  logLevel: 'info',
  secrets: SecretsBackend.externalSecrets({ storeName: 'vault', remoteKeyPrefix: 'shop/' }),
  compose: false,
};

/** Every environment, in the order they are synthesized. */
export const ENVIRONMENTS = [DEV, PROD];
