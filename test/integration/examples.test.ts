import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { podSpecOf, readOutput, SynthResult, synthProject, workloadsOf } from '../support/synth';
import { itWhenPresent, itWithTool } from '../support/tools';
import { App, AppChart } from '../../lib';
import { prerequisitesFileName } from '../../lib/shared/naming/files';
import { DEV_OVERRIDES_LABEL } from '../../lib/shared/naming/labels';
import { configMapName } from '../../lib/shared/naming/objects';
import { SECRET_HELPER_SUFFIX } from '../../lib/shared/naming/variables';
import {
  checkComposeSchema,
  checkComposeWithTool,
  checkKubernetes,
  checkPodSecurity,
  clusterProvidedObjects,
  withoutDatabaseExemptions,
} from '../../lib/validation';
import { BlogChart } from '../../examples/blog/app';
import { DemoChart } from '../../examples/demo/app';
import { ShopChart } from '../../examples/shop/app';
import { DEV, PROD } from '../../examples/shop/environments';

/** Every example chart, synthesized as its main.ts does: [title, app name, output subfolder, build, writes a Compose file]. */
const EXAMPLES: Array<[string, string, string, (app: App) => AppChart, boolean]> = [
  ['shop (dev)', 'shop', 'dev', (app) => new ShopChart(app, 'shop-dev', { settings: DEV }), true],
  ['shop (prod)', 'shop', 'prod', (app) => new ShopChart(app, 'shop-prod', { settings: PROD }), false],
  ['blog', 'blog', '', (app) => new BlogChart(app, 'blog'), true],
  ['demo', 'demo', '', (app) => new DemoChart(app, 'demo'), true],
];

describe.each(EXAMPLES)('example %s', (_title, name, folder, build, hasCompose) => {
  let out: SynthResult;
  beforeAll(() => {
    out = readOutput(path.join(synthProject((app) => build(app)).outdir, folder));
  });
  // The Compose checks are registered only for the examples that write a Compose file.
  const testWithCompose = hasCompose ? test : () => undefined;
  const itWithComposeTool = hasCompose ? itWithTool : () => undefined;

  test('writes the Kubernetes YAML, the kustomization and (for local environments) the Compose file and env example', () => {
    const compose = hasCompose ? [`${name}.compose.yml`, `${name}.env.example`] : [];
    // The images manifest lists the images that Compose builds from source (the demo).
    const images = name === 'demo' ? [`${name}.images.yml`] : [];
    // Every example reads Secrets that must exist (or uses a CRD): each lists its prerequisites.
    const prerequisites = [prerequisitesFileName(name)];
    expect(Object.keys(out.files).sort()).toEqual(['kustomization.yml', `${name}.k8s.yaml`, `${name}.mmd`, ...compose, ...images, ...prerequisites].sort());
    expect(out.files).toMatchSnapshot();
  });

  test('Kubernetes output passes the schema (types, required, enums) and has no unknown fields', () => {
    // ExternalSecret and SealedSecret included: checked against their CRD schema (@kubernetes-models packages).
    expect(checkKubernetes(out.objects)).toEqual({ findings: [], skipped: [] });
  });

  test('Kubernetes output has 0 Pod Security (restricted) violations, practice findings or broken references', async () => {
    const { findings, skipped } = await checkPodSecurity(out.objects, { clusterObjects: clusterProvidedObjects(out.objects) });
    expect(skipped).toEqual([]);
    // Only the database StatefulSets are exempt, and only from monokle's uid/gid practice rules.
    expect(withoutDatabaseExemptions(findings, out.objects)).toEqual([]);
  });

  test('Kubernetes output holds no secret values', () => {
    // No Secret objects at all (values come from existing Secrets, ExternalSecrets or
    // SealedSecrets' ciphertext); ConfigMaps hold only the declared config files.
    expect(out.objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const cm of out.objects.filter((o) => o.kind === 'ConfigMap')) {
      expect(Object.keys(cm).sort()).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
    }
    for (const o of workloadsOf(out.objects)) {
      for (const c of podSpecOf(o).containers) {
        for (const e of c.env ?? []) {
          // MYSQL_RANDOM_ROOT_PASSWORD=yes is a flag asking for a random root password, not a value.
          if (/PASSWORD|SECRET|TOKEN|_KEY$|AUTH/.test(e.name) && e.name !== 'MYSQL_RANDOM_ROOT_PASSWORD') {
            // A secret-looking variable is a reference, or a composition of references only.
            expect(e.valueFrom?.secretKeyRef ?? String(e.value).match(/\$\([A-Z0-9_]+\)/)).toBeTruthy();
          }
        }
      }
    }
    expect(out.files[`${name}.k8s.yaml`]).not.toMatch(/change-me/);
    // Nor any development placeholder of the Compose file.
    const placeholders = [...(out.files[`${name}.env.example`] ?? '').matchAll(/^[A-Z][A-Z0-9_]*=(.+)$/gm)].map((m) => m[1]);
    expect(placeholders.length > 0).toBe(hasCompose);
    expect(placeholders.filter((p) => out.files[`${name}.k8s.yaml`].includes(p))).toEqual([]);
  });

  testWithCompose('Compose file passes the compose-spec schema, with no version: or name:', () => {
    const compose = out.compose[`${name}.compose.yml`];
    expect(checkComposeSchema(compose)).toEqual({ findings: [], skipped: [] });
    expect(Object.keys(compose).sort()).toEqual(['networks', 'services', 'volumes']);
  });

  itWithComposeTool('docker-compose', 'Compose file is accepted by docker-compose config', () => {
    const envFile = path.join(out.outdir, 'test.env');
    fs.copyFileSync(path.join(out.outdir, `${name}.env.example`), envFile);
    expect(checkComposeWithTool(path.join(out.outdir, `${name}.compose.yml`), envFile)).toEqual({ findings: [], skipped: [] });
  });

  itWithComposeTool('docker-compose', 'docker-compose accepts the file with no env file: secrets use development placeholders', () => {
    expect(checkComposeWithTool(path.join(out.outdir, `${name}.compose.yml`))).toEqual({ findings: [], skipped: [] });
  });

  testWithCompose('services, images and ports match between the two targets', () => {
    const compose = out.compose[`${name}.compose.yml`];
    const workloads = workloadsOf(out.objects);
    // The Compose service is the workload's service name (a Job's own name carries a template hash).
    const service = (w: any): string => w.metadata.labels['app.kubernetes.io/name'];
    expect(workloads.map(service).sort()).toEqual(Object.keys(compose.services).sort());
    for (const w of workloads) {
      const spec = podSpecOf(w);
      const svc = compose.services[service(w)];
      expect(svc.image).toBe(spec.containers[0].image);
      expect(svc.user).toBe(`${spec.containers[0].securityContext.runAsUser}:${spec.containers[0].securityContext.runAsGroup}`);
      const mountOf = (name: string) => spec.containers[0].volumeMounts.filter((m: any) => m.name === name).map((m: any) => m.mountPath);
      // Writable emptyDirs are tmpfs mounts; a memory-backed /dev/shm is shm_size.
      expect(svc.tmpfs).toEqual(
        spec.volumes
          .filter((v: any) => v.emptyDir && v.emptyDir.medium !== 'Memory')
          .flatMap((v: any) => mountOf(v.name))
          .sort(),
      );
      const shm = spec.volumes.find((v: any) => v.emptyDir?.medium === 'Memory');
      expect(svc.shm_size).toBe(shm ? `${parseInt(shm.emptyDir.sizeLimit, 10)}m` : undefined);
      // Persistent volumes and config files are Compose volumes at the same paths.
      const persistent = (w.spec.volumeClaimTemplates ?? []).flatMap((t: any) => mountOf(t.metadata.name));
      const config = spec.volumes.filter((v: any) => v.configMap).flatMap((v: any) => mountOf(v.name));
      // Development settings (listed in the dev label) exist in Compose only.
      const devOverrides: string[] = (svc.labels[DEV_OVERRIDES_LABEL] ?? '').split(',');
      const devOnly = devOverrides.filter((o) => o.startsWith('volumes.')).map((o) => o.slice('volumes.'.length));
      const devEnv = devOverrides.filter((o) => o.startsWith('environment.')).map((o) => o.slice('environment.'.length));
      expect(
        (svc.volumes ?? [])
          .map((v: string) => v.split(':')[1])
          .filter((t: string) => !devOnly.includes(t))
          .sort(),
      ).toEqual([...persistent, ...config].sort());
      // Each bind-mounted config file exists next to the Compose file with the ConfigMap's content.
      const configMap = out.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === configMapName(service(w)));
      for (const bind of (svc.volumes ?? []).filter((v: string) => v.startsWith('./'))) {
        const [file, target] = bind.split(':');
        const key = spec.containers[0].volumeMounts.find((m: any) => m.mountPath === target).subPath;
        expect(fs.readFileSync(path.join(out.outdir, file), 'utf8')).toBe(configMap.data[key]);
      }
      expect(
        Object.keys(svc.environment ?? {})
          .filter((n) => !devEnv.includes(n))
          .sort(),
      ).toEqual(
        (spec.containers[0].env ?? [])
          .map((e: any) => e.name)
          .filter((n: string) => !n.endsWith(SECRET_HELPER_SUFFIX))
          .sort(),
      );
    }
  });

  itWhenPresent(
    'kubectl',
    'it is preinstalled on this machine kind, not installable from Debian',
    'the output folder builds with kubectl kustomize, every object once',
    () => {
      const run = spawnSync('kubectl', ['kustomize', out.outdir], { encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      const built = (yaml.loadAll(run.stdout) as any[]).map((o) => `${o.kind}/${o.metadata.name}`).sort();
      expect(built).toEqual(out.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort());
    },
  );

  test('the example folder has a README whose diagram is the one synthesized', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', name, 'README.md'), 'utf8');
    if (folder === 'prod') {
      // The README draws the development environment and explains production in words.
      expect(readme).toContain('dist/prod/');
    } else {
      expect(readme).toContain('```mermaid\n' + out.files[`${name}.mmd`] + '```');
    }
  });

  test('synthesizes byte-identical output twice', () => {
    // Another project folder: paths in the output are relative to the project, so nothing differs.
    const again = readOutput(path.join(synthProject((app) => build(app)).outdir, folder));
    expect(again.files).toEqual(out.files);
  });
});
