import type { AppModel, SecretDevelopment } from '../model/app-model';
import { secretDevelopmentOf } from '../model/app-model';
import type { SecretEnvPart } from '../concerns/env/env-value.model';
import type { BuildSpec } from '../concerns/build/model';
import type { WorkloadModel } from '../model/workload';
import { hostPortsOf, metricsOf } from '../model/workload';
import { PORT_RANGE } from '../shared/naming/limits';
import { databaseNetworkName, databaseOfNetwork } from '../shared/naming/objects';
import { GRAFANA_SERVICE, OBSERVABILITY_PROFILE, PROMETHEUS_SERVICE } from '../shared/naming/observability';
import type { WorkloadOverride } from './chart';

/**
 * The checks across workloads, and across the charts that share one output: a workload that
 * cannot join its chart, a secret key read two ways, an override naming nothing, a sealed
 * value missing, and what the charts of one Compose file or one set of Flux layers must agree
 * on. Each returns problems; the constructs throw or report them with their path.
 */

/** Returns a problem description when `model` cannot join the chart (its name or a host port is taken). */
export function checkRegistration(app: AppModel, model: WorkloadModel): string | undefined {
  // Compose publishes one host port per replica, counting up: the range must end at a port.
  const overflowing = [...model.ports.map((p) => [p.name, p.publish] as const), ...(model.dev?.ports ?? []).map((p) => [p.name, p.publish] as const)].find(
    ([, publish]) => publish !== undefined && model.replicas > 1 && publish + model.replicas - 1 > PORT_RANGE.max,
  );
  if (overflowing) {
    const [name, publish] = overflowing;
    return `port '${name}' publishes host ports ${publish}-${publish! + model.replicas - 1} for ${model.replicas} replicas, past ${PORT_RANGE.max}; allowed: a lower publish port or fewer replicas`;
  }
  const taken = hostPortsOf(model).filter((p) => app.publisherOf(p) !== undefined && app.publisherOf(p)!.name !== model.name);
  if (taken.length > 0) {
    return `published host port ${taken.join(', ')} is already published by '${app.publisherOf(taken[0])!.name}'; each host port can be published once per Compose file`;
  }
  if (app.workload(model.name)) {
    return `service name '${model.name}' is already used by another workload in chart '${app.path}'; service names must be unique per chart`;
  }
  // A database's network admits only its clients (connectTo): a named network must not open it.
  // Both orders: the network named before or after its database (lookups only: no scan).
  const opened = model.compose.networks.map((n) => app.workload(databaseOfNetwork(n) ?? '')).find((db) => db?.kind === 'database' && db !== model);
  const joiner = model.kind === 'database' ? app.joinedByName(databaseNetworkName(model.name)) : undefined;
  if (opened || joiner) {
    const [who, db] = opened ? [model.name, opened.name] : [joiner!, model.name];
    return `'${who}' joins the network '${databaseNetworkName(db)}' by name, which holds only database '${db}' and its clients (connectTo); allowed: connectTo('${db}'), or another network name`;
  }
  // One image, one build: Compose tags every build with the image, so the last would win.
  // A lookup, not a scan of the (re-sorted) workloads on every registration.
  const builder = model.build && app.builderOf(model.image);
  const other = builder && JSON.stringify(builder.build) !== JSON.stringify(model.build) ? builder : undefined;
  if (other) {
    return `image '${model.image}' is built by '${other.name}' from ${describeBuild(other.build!)} and here from ${describeBuild(model.build!)}; allowed: the same build for one image, or another image name`;
  }
  return undefined;
}

function describeBuild(b: BuildSpec): string {
  return `context '${b.context}', Dockerfile '${b.dockerfile}'${b.target ? `, target '${b.target}'` : ''}${Object.keys(b.args).length > 0 ? `, args ${JSON.stringify(b.args)}` : ''}`;
}

/**
 * Returns a problem description when a secret key would share its derived variable (Compose
 * env file, Kubernetes helper variables) with another key of the chart.
 */
export function checkSecretUse(app: AppModel, part: SecretEnvPart, variable: string): string | undefined {
  const { secretName, key } = part;
  const owner = app.secretKeyOf(variable);
  if (owner !== undefined && owner !== `${secretName}/${key}`) {
    return `secret key ${secretName}/${key} and secret key ${owner} both map to the variable ${variable} (Compose env file, Kubernetes helper variables); rename one of the Secrets or keys`;
  }
  const encodes = app.urlEncodedFrom(secretName, key);
  if (encodes !== undefined && part.urlEncodes !== undefined && encodes !== part.urlEncodes) {
    return `secret key ${secretName}/${key} is the URL-encoded form of two keys (${encodes} and ${part.urlEncodes}); allowed: one urlEncodedKey per password key, e.g. '${part.urlEncodes}-urlencoded'`;
  }
  const earlier = app.secretDevelopmentOf(variable);
  const now = secretDevelopmentOf(part);
  if (earlier && now && JSON.stringify(earlier) !== JSON.stringify(now)) {
    return `secret key ${secretName}/${key} has two development settings (${describeDevelopment(earlier)} and ${describeDevelopment(now)}); allowed: the same developmentValue or requiredInDevelopment wherever the key is read`;
  }
  return undefined;
}

function describeDevelopment(d: SecretDevelopment): string {
  return d.kind === 'required' ? 'requiredInDevelopment' : `developmentValue '${d.value}'`;
}

/** The overrides that named no workload of the chart (judged at synthesis). */
export function unusedOverrides(app: AppModel, overrides: Record<string, WorkloadOverride>): string[] {
  const unused = Object.keys(overrides)
    .filter((n) => app.workload(n) === undefined)
    .sort();
  const names = app.workloads.map((w) => w.name).join(', ') || 'none';
  return unused.map((n) => `overrides has an entry for service '${n}', which is not defined in this chart; services: ${names}`);
}

/** The secret keys a Sealed Secrets backend has no ciphertext for (judged at synthesis). */
export function missingSealedValues(app: AppModel): string[] {
  const secrets = app.settings.secrets;
  if (secrets.kind !== 'sealed') {
    return [];
  }
  const data = secrets.encryptedData;
  const missing = [...app.secretReferences].flatMap(([name, keys]) => [...keys].filter((k) => data[name]?.[k] === undefined).map((k) => `${name}/${k}`));
  return missing.length === 0
    ? []
    : [
        `SecretsBackend.sealedSecrets has no encrypted value for ${missing.sort().join(', ')}; add them to encryptedData (kubeseal --raw --name <secret> --namespace ${app.settings.namespace})`,
      ];
}

/**
 * The service names defined by more than one chart of an app whose charts share one Compose
 * file: each is a problem, named with both charts.
 */
export function serviceClashes(apps: AppModel[]): string[] {
  const owner = new Map<string, AppModel>();
  const problems: string[] = [];
  for (const app of apps) {
    for (const w of app.workloads) {
      const other = owner.get(w.name);
      if (other !== undefined) {
        problems.push(
          `charts '${other.path}' and '${app.path}' of app '${app.settings.appName}' both define service '${w.name}'; service names must be unique in an app's Compose file`,
        );
      }
      owner.set(w.name, app);
    }
  }
  return problems;
}

/** Charts of one app in one output folder write one set of Flux layers: they must agree on `flux`. */
export function fluxClashes(apps: AppModel[]): string[] {
  const settings = apps.map((a) => JSON.stringify(a.settings.flux ?? null));
  const other = settings.findIndex((s) => s !== settings[0]);
  return other === -1
    ? []
    : [
        `charts '${apps[0].path}' and '${apps[other].path}' of one app and output folder set different flux options; allowed: the same flux options on every chart of the app, or none on all`,
      ];
}

/**
 * What clashes with the Compose file's Prometheus (written when a workload of the charts that
 * share the file declares metrics) and its Grafana (`monitoring.grafana`): a workload named
 * `prometheus` or `grafana`, a workload publishing their host port, or charts asking for two
 * different Prometheus or Grafana setups. Each problem starts with the
 * construct path it concerns. Judged at synthesis: the charts of one Compose file are known then.
 */
export function observabilityClashes(apps: AppModel[]): string[] {
  const scraped = apps.filter((a) => a.hasMetrics);
  if (scraped.length === 0) {
    return [];
  }
  const first = scraped[0];
  const by = first.workloads.find((w) => metricsOf(w) !== undefined)!;
  const { prometheusImage, prometheusHostPort, grafana, grafanaImage, grafanaHostPort } = first.settings.monitoring;
  const why = `the Compose file runs Prometheus under the '${OBSERVABILITY_PROFILE}' profile because '${by.name}' declares metrics`;
  // The services the observability profile adds: their names and host ports must be free in every chart.
  const services = [
    { service: PROMETHEUS_SERVICE, hostPort: prometheusHostPort, owner: "Prometheus'", option: 'prometheusHostPort', why },
    ...(grafana
      ? [
          {
            service: GRAFANA_SERVICE,
            hostPort: grafanaHostPort,
            owner: "Grafana's",
            option: 'grafanaHostPort',
            why: `${why} and chart '${first.path}' sets monitoring.grafana`,
          },
        ]
      : []),
  ];
  const problems: string[] = [];
  for (const app of apps) {
    for (const s of services) {
      const named = app.workload(s.service);
      if (named) {
        problems.push(`[${named.path}] service name '${s.service}' is taken: ${s.why}; allowed: another name for this workload`);
      }
      const publisher = app.publisherOf(s.hostPort);
      if (publisher) {
        problems.push(
          `[${publisher.path}] published host port ${s.hostPort} is ${s.owner} host port: ${s.why}; allowed: another host port, or monitoring.${s.option}`,
        );
      }
    }
  }
  for (const app of scraped.slice(1)) {
    const m = app.settings.monitoring;
    if (m.prometheusImage !== prometheusImage || m.prometheusHostPort !== prometheusHostPort) {
      problems.push(
        `[${app.path}] monitoring sets Prometheus ${m.prometheusImage} on host port ${m.prometheusHostPort}, chart '${first.path}' ${prometheusImage} on ${prometheusHostPort}; the charts share one Compose file and one Prometheus: allowed: the same prometheusImage and prometheusHostPort`,
      );
    }
    if (m.grafana !== grafana || (grafana && (m.grafanaImage !== grafanaImage || m.grafanaHostPort !== grafanaHostPort))) {
      const setup = (on: boolean, image: string, port: number) => (on ? `${image} on ${port}` : 'no Grafana');
      problems.push(
        `[${app.path}] monitoring sets Grafana ${setup(m.grafana, m.grafanaImage, m.grafanaHostPort)}, chart '${first.path}' ${setup(grafana, grafanaImage, grafanaHostPort)}; the charts share one Compose file and one Grafana: allowed: the same grafana, grafanaImage and grafanaHostPort`,
      );
    }
  }
  return problems;
}
