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
export type { AppChartProps, WorkloadOverride } from './props/chart';
export type { WorkloadOptions } from './props/common';
export type { BuildOptions, ComposeOptions, DevOptions, DevPort, SourceMount } from './concerns/build/props';
export type { ConfigFile, SecretFile } from './concerns/storage/props';
export type { AutoscalingOptions, AvailabilityOptions, RollingUpdateOptions } from './concerns/scaling/props';
export type { IngressOptions } from './concerns/traffic/props';
export type { FluxOptions, FluxSourceRef } from './concerns/rollout/props';
export { ImagePullPolicy } from './concerns/container/props';
export type { ResourceOptions, SecurityOptions } from './concerns/container/props';
export type { ContainerOptions, PodOptions, ServiceAccountOptions, SidecarOptions, SidecarPort } from './concerns/pod/props';
export { NodeLabelOperator, TaintEffect, TolerationOperator } from './concerns/pod/scheduling.props';
export type { NodeAffinityOptions, NodeLabelExpression, PreferredNodeExpression, TolerationOptions } from './concerns/pod/scheduling.props';
export { Grant, Verb } from './concerns/security/rbac.props';
export type { GrantOptions, GrantProps } from './concerns/security/rbac.props';
export type { ConnectionOptions } from './concerns/env/connection.props';
export { MonitoringMode } from './concerns/observability/props';
export type { MetricsOptions, MonitoringOptions } from './concerns/observability/props';
export { DatabaseCredentials } from './concerns/database/props';
export type { DatabaseConnection, DatabaseCredentialsOptions, DatabaseProps, ServiceConnection } from './concerns/database/props';
export type { WebServiceProps } from './props/web-service';
export { AppProtocol, ServiceType } from './concerns/ports/props';
export type { ServicePort } from './concerns/ports/props';
export type { WorkerProps } from './props/worker';

// Values
export { DatabaseEngine, RedisEvictionPolicy } from './concerns/database/engine.value';
export type { RedisOptions } from './concerns/database/engine.value';
export { ValidationError } from './shared/errors';
export { EnvValue } from './concerns/env/env-value.model';
export type { EnvPart, LiteralEnvPart, PortEnvPart, SecretEnvPart, SecretValueOptions } from './concerns/env/env-value.model';
export { HealthCheck, InImageClient } from './concerns/health/health-check.model';
export type {
  GrpcHealthCheckOptions,
  HealthCheckOptions,
  HttpHealthCheckOptions,
  ProbeOptions,
  ProtocolHealthCheckOptions,
  TcpHealthCheckOptions,
} from './concerns/health/health-check.model';
export { PodCount } from './concerns/scaling/pod-count.model';
export { Cpu, Memory } from './concerns/container/quantity.model';
export { IngressPeer } from './concerns/network/network-peer.value';
export type { CidrPeerOptions, NamespacePeerOptions } from './concerns/network/network-peer.value';
export type { EgressDestination } from './concerns/network/props';
export { SecretsBackend } from './concerns/secrets/secrets-backend.value';
export type { ExternalSecretsOptions, SealedSecretsOptions } from './concerns/secrets/secrets-backend.value';
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
} from './render/compose/types';
