// The public API of `cdk8s-compose`: constructs, their props and the value classes users
// pass to them. Re-exports only, each name listed, so that nothing internal leaks; the
// output checks have their own entry point, `cdk8s-compose/validation`, and the jest
// matchers `cdk8s-compose/jest`. `api/cdk8s-compose.api.md` records this surface.

// Constructs
export { App } from './app';
export type { AppProps } from './props/app';
export { AppChart } from './app-chart';
export { Database } from './database';
export { WebService } from './web-service';
export { Worker } from './worker';
export { Workload } from './workload';
export type { IConnectable } from './workload';

// Props
export type { AppChartProps, FluxOptions, FluxSourceRef, WorkloadOverride } from './props/chart';
export type {
  AvailabilityOptions,
  BuildOptions,
  ComposeOptions,
  ConfigFile,
  DevOptions,
  DevPort,
  RollingUpdateOptions,
  SecretFile,
  SourceMount,
  WorkloadOptions,
} from './props/common';
export { ImagePullPolicy } from './props/container';
export type { ResourceOptions, SecurityOptions } from './props/container';
export { NodeLabelOperator, TaintEffect, TolerationOperator } from './props/pod';
export type {
  ContainerOptions,
  NodeAffinityOptions,
  NodeLabelExpression,
  PodOptions,
  PreferredNodeExpression,
  ServiceAccountOptions,
  SidecarOptions,
  SidecarPort,
  TolerationOptions,
} from './props/pod';
export { Grant, Verb } from './props/rbac';
export type { GrantOptions, GrantProps } from './props/rbac';
export type { ConnectionOptions } from './props/connection';
export { MonitoringMode } from './props/metrics';
export type { MetricsOptions, MonitoringOptions } from './props/metrics';
export { DatabaseCredentials } from './props/database';
export type { DatabaseConnection, DatabaseCredentialsOptions, DatabaseProps, ServiceConnection } from './props/database';
export type { AutoscalingOptions, IngressOptions, WebServiceProps } from './props/web-service';
export { AppProtocol, ServiceType } from './props/ports';
export type { ServicePort } from './props/ports';
export type { WorkerProps } from './props/worker';

// Values
export { DatabaseEngine, RedisEvictionPolicy } from './database-engine';
export type { RedisOptions } from './database-engine';
export { ValidationError } from './errors';
export { EnvValue } from './model/env-value';
export type { EnvPart, LiteralEnvPart, PortEnvPart, SecretEnvPart, SecretValueOptions } from './model/env-value';
export { HealthCheck, InImageClient } from './model/health-check';
export type {
  GrpcHealthCheckOptions,
  HealthCheckOptions,
  HttpHealthCheckOptions,
  ProbeOptions,
  ProtocolHealthCheckOptions,
  TcpHealthCheckOptions,
} from './model/health-check';
export { PodCount } from './model/pod-count';
export { Cpu, Memory } from './model/quantity';
export { IngressPeer } from './network-peer';
export type { CidrPeerOptions, NamespacePeerOptions } from './network-peer';
export type { EgressDestination } from './props/network';
export { SecretsBackend } from './secrets-backend';
export type { ExternalSecretsOptions, SealedSecretsOptions } from './secrets-backend';
export type { FluxSourceKind } from './shared/naming/gitops';
export type { SecretStoreKind } from './shared/naming/kinds';

// The shape of `AppChart.toCompose()`
export type {
  ComposeBuild,
  ComposeDeploy,
  ComposeDependency,
  ComposeFile,
  ComposeHealthcheck,
  ComposeNetwork,
  ComposeResources,
  ComposeResourceValues,
  ComposeService,
} from './compose/types';
