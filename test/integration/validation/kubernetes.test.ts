/**
 * Proves checkKubernetes can fail (and stays quiet on correct input), so a green test that
 * uses it means something: schema (types, required fields, enums) and unknown fields.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Check, checkKubernetes } from '../../../lib/validation';
import { restrictedDeployment, service } from '../../support/fixtures';

describe('checkKubernetes', () => {
  test('passes a correct restricted Deployment and Service', () => {
    // GIVEN / WHEN
    const result = checkKubernetes([restrictedDeployment(), service()]);
    // THEN
    expect(result).toEqual({ findings: [], skipped: [] });
  });

  test('fails when replicas is a string', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.replicas = 'two';
    // WHEN
    const { findings } = checkKubernetes([deployment]);
    // THEN
    expect(findings).toEqual([{ check: Check.KUBERNETES_SCHEMA, object: 'Deployment/web', path: 'spec.replicas', message: 'must be integer' }]);
  });

  test('fails when a Deployment has no selector', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.selector;
    // WHEN
    const { findings } = checkKubernetes([deployment]);
    // THEN
    expect(findings).toEqual([{ check: Check.KUBERNETES_SCHEMA, object: 'Deployment/web', path: 'spec', message: 'must have required property selector' }]);
  });

  test('fails when a Service type is not in the enum', () => {
    // GIVEN
    const svc = service();
    svc.spec.type = 'LoadBalancers';
    // WHEN
    const { findings } = checkKubernetes([svc]);
    // THEN
    expect(findings).toEqual([
      {
        check: Check.KUBERNETES_SCHEMA,
        object: 'Service/web',
        path: 'spec.type',
        message: expect.stringMatching(/^must be equal to one of the allowed values: .*"LoadBalancer"/),
      },
    ]);
  });

  test('fails when a field is unknown (spec.replica)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.replica = 2;
    // WHEN
    const { findings } = checkKubernetes([deployment]);
    // THEN
    expect(findings).toEqual([{ check: Check.KUBERNETES_UNKNOWN_FIELDS, object: 'Deployment/web', path: 'spec.replica', message: 'unknown field "replica"' }]);
  });

  test('fails when a container field is misspelled (imagePulPolicy)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    const container = deployment.spec.template.spec.containers[0];
    container.imagePulPolicy = container.imagePullPolicy;
    delete container.imagePullPolicy;
    // WHEN
    const { findings } = checkKubernetes([deployment]);
    // THEN
    expect(findings).toEqual([
      {
        check: Check.KUBERNETES_UNKNOWN_FIELDS,
        object: 'Deployment/web',
        path: 'spec.template.spec.containers[0].imagePulPolicy',
        message: 'unknown field "imagePulPolicy"',
      },
    ]);
  });

  test('does not flag free-form maps (labels, annotations, resource limits, ConfigMap data)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.metadata.annotations = { 'example.com/anything': 'x' };
    deployment.spec.template.spec.containers[0].resources.limits['ephemeral-storage'] = '1Gi';
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'a=1' } };
    // WHEN / THEN
    expect(checkKubernetes([deployment, configMap])).toEqual({ findings: [], skipped: [] });
  });

  test('fails when a field is unknown in a kind loaded on demand (StorageClass)', () => {
    // GIVEN
    const storageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'x', parameterz: {} };
    // WHEN
    const { findings } = checkKubernetes([storageClass]);
    // THEN
    expect(findings).toEqual([
      { check: Check.KUBERNETES_UNKNOWN_FIELDS, object: 'StorageClass/fast', path: 'parameterz', message: 'unknown field "parameterz"' },
    ]);
  });

  test('fails when a kind has no schema, unless it is in skipKinds', () => {
    // GIVEN: a CRD without a schema here, and a ServiceMonitor (checked unless in skipKinds)
    const certificate = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web' },
      spec: { secretName: 'web-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    };
    const serviceMonitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web' }, spec: {} };
    // WHEN
    const strict = checkKubernetes([certificate]);
    const allowed = checkKubernetes([certificate, serviceMonitor], {
      skipKinds: ['Certificate', 'monitoring.coreos.com/v1/ServiceMonitor'],
    });
    // THEN
    expect(strict.findings).toEqual([
      {
        check: Check.KUBERNETES_SCHEMA,
        object: 'Certificate/web',
        path: '',
        message: expect.stringMatching(/^no schema for cert-manager\.io\/v1 Certificate \(a CRD\? add it to skipKinds\)$/),
      },
    ]);
    expect(allowed).toEqual({ findings: [], skipped: [] });
  });

  test('checks ExternalSecret and SealedSecret against their CRD schema (custom-resources.test.ts has the rest)', () => {
    // GIVEN
    const externalSecret = {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'db' },
      spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' } },
    };
    const sealedSecret = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db' }, spec: {} };
    // WHEN / THEN
    expect(checkKubernetes([externalSecret, sealedSecret])).toEqual({
      findings: [{ check: Check.KUBERNETES_SCHEMA, object: 'SealedSecret/db', path: 'spec', message: 'must have required property encryptedData' }],
      skipped: [],
    });
  });

  test('lists a custom resource whose package is not installed in skipped, unless its kind is in skipKinds', () => {
    // GIVEN: the package of monitoring.coreos.com is missing
    let check: typeof checkKubernetes | undefined;
    jest.isolateModules(() => {
      jest.doMock('../../../lib/validation/custom-resources', () => ({
        ...jest.requireActual('../../../lib/validation/custom-resources'),
        customResourceModel: (apiVersion: string) =>
          apiVersion.startsWith('monitoring.coreos.com/') ? { missing: "package '@kubernetes-models/prometheus-operator' is not installed" } : undefined,
      }));
      check = jest.requireActual('../../../lib/validation/kubernetes').checkKubernetes;
    });
    jest.dontMock('../../../lib/validation/custom-resources');
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web' }, spec: {} };
    // WHEN / THEN
    expect(check!([monitor])).toEqual({
      findings: [],
      skipped: [
        "kubernetes-schema: package '@kubernetes-models/prometheus-operator' is not installed: ServiceMonitor/web not checked (or list the kind in skipKinds)",
      ],
    });
    expect(check!([monitor], { skipKinds: ['ServiceMonitor'] })).toEqual({ findings: [], skipped: [] });
  });
});

describe('the unknown-field index cache', () => {
  /** checkKubernetes from a fresh copy of the module (no index read yet in this process). */
  const freshCheck = (): typeof checkKubernetes => {
    let fresh: typeof checkKubernetes | undefined;
    jest.isolateModules(() => {
      fresh = jest.requireActual('../../../lib/validation/kubernetes').checkKubernetes;
    });
    return fresh!;
  };
  const misspelled = () => {
    const deployment = restrictedDeployment();
    deployment.spec.replica = 2;
    return deployment;
  };
  const expected = [{ check: Check.KUBERNETES_UNKNOWN_FIELDS, object: 'Deployment/web', path: 'spec.replica', message: 'unknown field "replica"' }];
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-fields-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes what it read into the cache folder, and a later process reads it from there', () => {
    // GIVEN: a first process builds the index with TypeScript and writes one file
    expect(freshCheck()([misspelled()], { cacheDirectory: dir }).findings).toEqual(expected);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^kubernetes-fields-[0-9a-f]{16}\.json$/);
    // WHEN the file says a Deployment declares `replica` (only a read of the file can know that)
    const cached = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const root = cached.roots['apps/v1/Deployment'];
    const spec = cached.nodes[cached.nodes[root].props.find(([name]: [string]) => name === 'spec')[1]];
    spec.props.push(['replica', spec.props[0][1]]);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(cached));
    // THEN the next process takes the fields from the file
    expect(freshCheck()([misspelled()], { cacheDirectory: dir }).findings).toEqual([]);
  });

  test('does not use a cache file once a package the types came from has another version, or when it refers to nodes it lacks', () => {
    // GIVEN a cache file that declares `replica` (as in the test above)...
    freshCheck()([misspelled()], { cacheDirectory: dir });
    const [file] = fs.readdirSync(dir);
    const cached = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const root = cached.roots['apps/v1/Deployment'];
    const spec = cached.nodes[cached.nodes[root].props.find(([name]: [string]) => name === 'spec')[1]];
    spec.props.push(['replica', spec.props[0][1]]);
    // ...but read from an older @kubernetes-models/apimachinery (ObjectMeta, LabelSelector...)
    const apimachinery = cached.packages.find(([folder]: [string]) => folder.endsWith(path.join('@kubernetes-models', 'apimachinery')));
    expect(apimachinery).toBeDefined();
    apimachinery[1] = '0.0.1';
    fs.writeFileSync(path.join(dir, file), JSON.stringify(cached));
    // WHEN / THEN the types are read again
    expect(freshCheck()([misspelled()], { cacheDirectory: dir }).findings).toEqual(expected);
    // GIVEN a file whose nodes are cut short
    const rewritten = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ ...rewritten, nodes: rewritten.nodes.slice(0, 1) }));
    // WHEN / THEN no crash: built again
    expect(freshCheck()([misspelled()], { cacheDirectory: dir }).findings).toEqual(expected);
  });

  test('builds the index again when the cache file is damaged, and replaces it', () => {
    // GIVEN
    freshCheck()([misspelled()], { cacheDirectory: dir });
    const [file] = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, file), '{"format": 1, "nodes": [');
    // WHEN / THEN
    expect(freshCheck()([misspelled()], { cacheDirectory: dir }).findings).toEqual(expected);
    expect(() => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))).not.toThrow();
  });

  test('writes nothing with cacheDirectory: false, and a folder it cannot write is no error', () => {
    // GIVEN
    const notAFolder = path.join(dir, 'file');
    fs.writeFileSync(notAFolder, '');
    // WHEN / THEN
    expect(freshCheck()([misspelled()], { cacheDirectory: false }).findings).toEqual(expected);
    expect(freshCheck()([misspelled()], { cacheDirectory: notAFolder }).findings).toEqual(expected);
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});
