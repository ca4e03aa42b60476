export * from './app';
export * from './app-chart';
export * from './database';
export * from './database-engine';
export * from './errors';
export * from './secrets-backend';
export * from './web-service';
export * from './worker';
export * from './workload';
export * from './workload-options';
export * from './model/env-value';
export * from './model/health-check';
export * from './model/quantity';
export * from './model/pod-count';
export type {
  ComposeDeploy,
  ComposeDependency,
  ComposeFile,
  ComposeHealthcheck,
  ComposeNetwork,
  ComposeResources,
  ComposeResourceValues,
  ComposeService,
} from './compose/types';
export * from './validation';
