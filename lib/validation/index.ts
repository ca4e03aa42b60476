// The entry point `cdk8s-compose/validation`: checks of synthesized output with real
// validators (Kubernetes schemas, Pod Security, the Compose schema and tool, parity), the
// jest matchers, and the cdk8s CLI validation plugin. Re-exports only, each name listed.
export { Check, formatFinding } from './finding';
export type { Finding, ValidationResult } from './finding';
export { checkKubernetes } from './kubernetes';
export type { KubernetesCheckOptions } from './kubernetes';
export { checkComposeSchema, checkComposeWithTool } from './compose';
export { checkPodSecurity } from './pod-security';
export type { PodSecurityCheckOptions } from './pod-security';
export { checkParity } from './parity';
export type { ParityOptions } from './parity';
export { clusterProvidedObjects } from './cluster';
export { checkStatefulSetUpdates, readPreviousOutput } from './statefulset-updates';
export { validateOutput, withinDeclaredLevel, withoutDatabaseExemptions } from './validate';
export type { SynthesizedOutput, ValidateOptions } from './validate';
export { Cdk8sComposeValidation } from './cdk8s-plugin';
export type { Cdk8sComposeValidationProps, ValidationContext, ValidationReportSink, Violation, ViolatingResource } from './cdk8s-plugin';
export { prerequisiteLines, prerequisitesOfOutput } from './prerequisites';
export type { CustomResourcePrerequisite, NamespacedName, Prerequisites, SecretPrerequisite, SecretStorePrerequisite } from './prerequisites';
export { cdk8sComposeMatchers, prerequisitesOf, validateChart } from '../validate-chart';
export type { MatcherResult } from '../validate-chart';
