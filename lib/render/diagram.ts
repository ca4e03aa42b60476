import type { AppModel } from '../model/app-model';
import type { WorkloadModel } from '../model/workload';
import { sortedDependencies } from '../model/workload';
import { sortBy } from '../shared/util';

/**
 * The topology of a chart as a Mermaid flowchart: services, workers, scheduled and
 * run-once jobs, databases, the connections between them with their ports, start-order
 * dependencies and Ingress hosts. Deterministic, like every output.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function renderMermaid(apps: AppModel[]): string {
  const lines = ['flowchart LR'];
  const workloads = sortBy(
    apps.flatMap((a) => a.workloads),
    (w) => w.name,
  );
  for (const w of workloads) {
    lines.push(`  ${id(w.name)}${shape(w)}`);
  }
  for (const w of workloads) {
    const ingress = w.kind === 'web' ? w.ingress : undefined;
    if (ingress) {
      const scheme = ingress.tlsSecretName ? 'https' : 'http';
      lines.push(`  ingress_${id(w.name)}(["${scheme}://${ingress.host}${ingress.path}"]) --> ${id(w.name)}`);
    }
  }
  for (const w of workloads) {
    for (const d of sortedDependencies(w)) {
      if (d.ports.length > 0) {
        lines.push(`  ${id(w.name)} -->|${d.ports.map((p) => p.port).join(', ')}| ${id(d.target.name)}`);
      } else {
        lines.push(`  ${id(w.name)} -.->|after| ${id(d.target.name)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A Mermaid node id: service names may contain '-', which Mermaid reads as an edge. */
function id(name: string): string {
  return name.replace(/-/g, '_');
}

function shape(w: WorkloadModel): string {
  const label = (detail: string) => `"${w.name}<br/><small>${detail}</small>"`;
  const ports = w.ports.map((p) => `:${p.port}`).join(' ');
  switch (w.kind) {
    case 'web':
      return `[${label(`WebService ${ports}`)}]`;
    case 'worker':
      return `[/${label('Worker')}/]`;
    case 'scheduled':
      return `{{${label(`CronJob ${w.schedule}`)}}}`;
    case 'run-once':
      return `[[${label('run-once Job')}]]`;
    case 'database':
      return `[(${label(`${w.image} ${ports}`)})]`;
  }
}
