/**
 * Compares synthesized output with the facts of an application's upstream deployment files
 * (transcribed into examples/<app>/upstream.ts), fact by fact: images, container and Service
 * ports, Service types, environment, probes and their timings, ServiceAccounts, grace periods,
 * resources, users, init containers, and (where upstream has a Compose file) Compose services.
 * Returns one line per difference; the tests compare that list with the example's known
 * differences, so that each difference is explained and none goes unnoticed.
 */

import type { UpstreamComposeService, UpstreamWorkload } from '../../examples/upstream-facts';

/** The differences between the output and upstream Kubernetes facts, one line each. */
export function compareKubernetes(objects: any[], upstream: Record<string, UpstreamWorkload>): string[] {
  const out: string[] = [];
  const differ = (workload: string, fact: string, theirs: unknown, ours: unknown) => {
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
      out.push(`${workload}: ${fact}: upstream ${JSON.stringify(theirs)}, ours ${JSON.stringify(ours)}`);
    }
  };
  for (const [name, u] of Object.entries(upstream)) {
    const w = objects.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === name);
    if (!w) {
      out.push(`${name}: missing`);
      continue;
    }
    const pod = w.spec.template.spec;
    const c = pod.containers[0];
    differ(name, 'kind', u.kind, w.kind);
    differ(name, 'image', u.image, c.image);
    const ports = (c.ports ?? []).map((p: any) => p.containerPort).sort(byNumber);
    differ(name, 'containerPorts', [...u.containerPorts].sort(byNumber), ports);
    for (const [svcName, svc] of Object.entries(u.services ?? {})) {
      const ours = objects.find((o) => o.kind === 'Service' && o.metadata.name === svcName);
      if (!ours) {
        out.push(`${name}: Service ${svcName}: missing`);
        continue;
      }
      const p = ours.spec.ports[0];
      const target = typeof p.targetPort === 'string' ? c.ports?.find((x: any) => x.name === p.targetPort)?.containerPort : p.targetPort;
      differ(name, `Service ${svcName}`, svc, { type: ours.spec.type ?? 'ClusterIP', port: p.port, targetPort: target });
    }
    const env = envValues(c.env ?? []);
    for (const key of [...new Set([...Object.keys(u.env), ...Object.keys(env)])].sort()) {
      differ(name, `env ${key}`, u.env[key], env[key]);
    }
    differ(name, 'readinessProbe', probe(u.readiness), probe(c.readinessProbe, c));
    differ(name, 'livenessProbe', probe(u.liveness), probe(c.livenessProbe, c));
    differ(name, 'serviceAccount', u.serviceAccount, pod.serviceAccountName);
    differ(name, 'terminationGracePeriodSeconds', u.terminationGracePeriodSeconds, pod.terminationGracePeriodSeconds);
    if (u.resources) {
      differ(name, 'resources', quantities(u.resources), quantities(c.resources));
    }
    if (u.runAsUser !== undefined) {
      differ(name, 'runAsUser', u.runAsUser, c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser);
    }
    if (u.readOnlyRootFilesystem !== undefined) {
      differ(name, 'readOnlyRootFilesystem', u.readOnlyRootFilesystem, c.securityContext?.readOnlyRootFilesystem ?? false);
    }
    if (u.addCapabilities !== undefined) {
      differ(name, 'capabilities.add', [...u.addCapabilities].sort(), [...(c.securityContext?.capabilities?.add ?? [])].sort());
    }
    const init = (pod.initContainers ?? []).map((x: any) => x.name).filter((n: string) => !n.startsWith('wait-for-'));
    differ(name, 'initContainers', u.initContainers ?? [], init);
  }
  for (const w of objects.filter((o) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind))) {
    // A Job's name carries a hash of its template: the service is its name label.
    const service = w.kind === 'Job' ? (w.metadata.labels?.['app.kubernetes.io/name'] ?? w.metadata.name) : w.metadata.name;
    if (!(service in upstream)) {
      out.push(`${service}: not upstream`);
    }
  }
  return out;
}

/** The differences between our Compose file and upstream's, one line each. */
export function compareCompose(compose: any, upstream: Record<string, UpstreamComposeService>): string[] {
  const out: string[] = [];
  const differ = (service: string, fact: string, theirs: unknown, ours: unknown) => {
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
      out.push(`compose ${service}: ${fact}: upstream ${JSON.stringify(theirs)}, ours ${JSON.stringify(ours)}`);
    }
  };
  for (const [name, u] of Object.entries(upstream)) {
    const s = compose.services[name];
    if (!s) {
      out.push(`compose ${name}: missing`);
      continue;
    }
    differ(name, 'image', u.image, s.image);
    // Published ports as host:container, whatever address they are bound to.
    differ(name, 'ports', [...(u.ports ?? [])].sort(), (s.ports ?? []).map((p: string) => p.split(':').slice(-2).join(':')).sort());
    const env = u.environment ?? {};
    const ours: Record<string, string> = s.environment ?? {};
    for (const key of [...new Set([...Object.keys(env), ...Object.keys(ours)])].sort()) {
      differ(name, `environment ${key}`, env[key], ours[key]);
    }
    if (u.read_only !== undefined) {
      differ(name, 'read_only', u.read_only, s.read_only);
    }
    if (u.cap_add !== undefined) {
      differ(name, 'cap_add', [...u.cap_add].sort(), [...(s.cap_add ?? [])].sort());
    }
  }
  for (const name of Object.keys(compose.services)) {
    if (!(name in upstream)) {
      out.push(`compose ${name}: not upstream`);
    }
  }
  return out;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Env values as a reader sees them: secretKeyRefs as `<secret NAME/KEY>`, `$(VAR)` expanded, `$$` as `$`. */
function envValues(env: any[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const e of env) {
    if (e.valueFrom?.secretKeyRef) {
      values[e.name] = `<secret ${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}>`;
    } else {
      values[e.name] = String(e.value ?? '')
        .replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v) => values[v] ?? m)
        .replace(/\$\$/g, '$');
    }
  }
  return values;
}

/** A probe with Kubernetes' defaults filled in and its port as a number. */
function probe(p: any, container?: any): Record<string, unknown> | undefined {
  if (!p) {
    return undefined;
  }
  const kind = ['grpc', 'httpGet', 'tcpSocket', 'exec'].find((k) => p[k] !== undefined || (k === p.kind && container === undefined)) ?? p.kind;
  const action = p[kind] ?? {};
  const rawPort = container ? action.port : p.port;
  const port = typeof rawPort === 'string' ? container?.ports?.find((x: any) => x.name === rawPort)?.containerPort : rawPort;
  return {
    kind,
    port,
    path: container ? action.path : p.path,
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/** Requests and limits as numbers (millicores, bytes), so that `0.1` equals `100m`. */
function quantities(r: any): Record<string, number | undefined> {
  const cpu = (q: unknown) => (q === undefined ? undefined : String(q).endsWith('m') ? Number(String(q).slice(0, -1)) : Number(q) * 1000);
  const units: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };
  const mem = (q: unknown) => {
    if (q === undefined) {
      return undefined;
    }
    const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(String(q));
    return m ? Number(m[1]) * (units[m[2]] ?? 1) : NaN;
  };
  return {
    requestsCpu: cpu(r?.requests?.cpu),
    requestsMemory: mem(r?.requests?.memory),
    limitsCpu: cpu(r?.limits?.cpu),
    limitsMemory: mem(r?.limits?.memory),
  };
}
