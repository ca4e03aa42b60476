/**
 * Proves each test-support validator can fail (and stays quiet on correct input), so a green
 * test that uses them means something.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import {
  dockerComposeConfig,
  itWithTool,
  podSecurityFindings,
  requireTool,
  validateComposeSchema,
  validateKubernetes,
} from './validate';

// ---------------------------------------------------------------------------------------------
// Fixtures: fresh objects per call so tests can break them freely.
// ---------------------------------------------------------------------------------------------

const LABELS = { 'app.kubernetes.io/name': 'web' };

/** A Deployment that satisfies the restricted Pod Security Standard and monokle's practices. */
function restrictedDeployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { ...LABELS } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { ...LABELS } },
      template: {
        metadata: { labels: { ...LABELS } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'web',
              image: 'registry.example.com/web:1.2.3',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              resources: {
                requests: { cpu: '100m', memory: '64Mi' },
                limits: { cpu: '500m', memory: '128Mi' },
              },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function service(): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', labels: { ...LABELS } },
    spec: {
      type: 'ClusterIP',
      selector: { ...LABELS },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** A Compose file using the portable subset accepted by both the schema and docker-compose 1.29. */
function composeFile(): any {
  return {
    services: {
      db: {
        image: 'postgres:15',
        environment: { POSTGRES_USER: 'app', POSTGRES_DB: 'app' },
        healthcheck: { test: ['CMD', 'pg_isready'], interval: '5s', timeout: '3s', retries: 5 },
        volumes: ['db-data:/var/lib/postgresql/data'],
        networks: ['backend'],
        read_only: true,
        tmpfs: ['/tmp', '/var/run/postgresql'],
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
        deploy: { resources: { limits: { cpus: '0.5', memory: '256M' } } },
      },
      web: {
        image: 'registry.example.com/web:1.2.3',
        ports: ['127.0.0.1:8080:8080'],
        depends_on: { db: { condition: 'service_healthy' } },
        networks: ['backend'],
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
      },
    },
    networks: { backend: { driver: 'bridge' } },
    volumes: { 'db-data': {} },
  };
}

let tmpDir: string;
beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-test-'));
});
afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

function writeYaml(name: string, doc: unknown): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, yaml.dump(doc, { noRefs: true }));
  return file;
}

// ---------------------------------------------------------------------------------------------
// validateKubernetes
// ---------------------------------------------------------------------------------------------

describe('validateKubernetes', () => {
  test('passes a correct restricted Deployment and Service', () => {
    // GIVEN / WHEN
    const findings = validateKubernetes([restrictedDeployment(), service()]);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fails when replicas is a string', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.replicas = 'two';
    // WHEN
    const findings = validateKubernetes([deployment]);
    // THEN
    expect(findings).toEqual(['Deployment/web: spec.replicas: must be integer']);
  });

  test('fails when a Deployment has no selector', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.selector;
    // WHEN
    const findings = validateKubernetes([deployment]);
    // THEN
    expect(findings).toEqual(['Deployment/web: spec: must have required property selector']);
  });

  test('fails when a Service type is not in the enum', () => {
    // GIVEN
    const svc = service();
    svc.spec.type = 'LoadBalancers';
    // WHEN
    const findings = validateKubernetes([svc]);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^Service\/web: spec\.type: must be equal to one of the allowed values: .*"LoadBalancer"/);
  });

  test('fails when a field is unknown (spec.replica)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.replica = 2;
    // WHEN
    const findings = validateKubernetes([deployment]);
    // THEN
    expect(findings).toEqual(['Deployment/web: spec.replica: unknown field "replica"']);
  });

  test('fails when a container field is misspelled (imagePulPolicy)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    const container = deployment.spec.template.spec.containers[0];
    container.imagePulPolicy = container.imagePullPolicy;
    delete container.imagePullPolicy;
    // WHEN
    const findings = validateKubernetes([deployment]);
    // THEN
    expect(findings).toEqual([
      'Deployment/web: spec.template.spec.containers[0].imagePulPolicy: unknown field "imagePulPolicy"',
    ]);
  });

  test('does not flag free-form maps (labels, annotations, resource limits, ConfigMap data)', () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.metadata.annotations = { 'example.com/anything': 'x' };
    deployment.spec.template.spec.containers[0].resources.limits['ephemeral-storage'] = '1Gi';
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'a=1' } };
    // WHEN / THEN
    expect(validateKubernetes([deployment, configMap])).toEqual([]);
  });

  test('fails when a field is unknown in a kind loaded on demand (StorageClass)', () => {
    // GIVEN
    const storageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'x', parameterz: {} };
    // WHEN / THEN
    expect(validateKubernetes([storageClass])).toEqual(['StorageClass/fast: parameterz: unknown field "parameterz"']);
  });

  test('fails when a kind has no schema, unless it is in skipKinds', () => {
    // GIVEN
    const externalSecret = {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'db' },
      spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' } },
    };
    const sealedSecret = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db' }, spec: {} };
    // WHEN
    const strict = validateKubernetes([externalSecret]);
    const allowed = validateKubernetes([externalSecret, sealedSecret], {
      skipKinds: ['ExternalSecret', 'bitnami.com/v1alpha1/SealedSecret'],
    });
    // THEN
    expect(strict).toEqual([
      'ExternalSecret/db: (root): no schema for external-secrets.io/v1beta1 ExternalSecret (add it to skipKinds if it is a CRD)',
    ]);
    expect(allowed).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// validateComposeSchema
// ---------------------------------------------------------------------------------------------

describe('validateComposeSchema', () => {
  test('passes a correct Compose file', () => {
    expect(validateComposeSchema(composeFile())).toEqual([]);
  });

  test('fails when ports is a number', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.web.ports = 5;
    // WHEN
    const findings = validateComposeSchema(compose);
    // THEN
    expect(findings).toEqual(['/services/web/ports: must be array']);
  });

  test('fails when a service key is unknown (healthchek)', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.db.healthchek = compose.services.db.healthcheck;
    delete compose.services.db.healthcheck;
    // WHEN
    const findings = validateComposeSchema(compose);
    // THEN
    expect(findings).toEqual(['/services/db: must NOT have additional properties: "healthchek"']);
  });

  test('fails when a duration is not a Go duration', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.db.healthcheck.interval = '5 seconds';
    // WHEN / THEN
    expect(validateComposeSchema(compose)).toEqual(['/services/db/healthcheck/interval: must match format "duration"']);
  });
});

// ---------------------------------------------------------------------------------------------
// dockerComposeConfig (Debian's docker-compose 1.29; required on CI)
// ---------------------------------------------------------------------------------------------

describe('dockerComposeConfig', () => {
  itWithTool('docker-compose')('passes a correct Compose file', () => {
    // GIVEN
    const file = writeYaml('good.yml', composeFile());
    // WHEN
    const result = dockerComposeConfig(file);
    // THEN
    expect(result).toEqual({ available: true, errors: '', warnings: '' });
  });

  itWithTool('docker-compose')('fails when docker-compose rejects the file', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.web.ports = 5;
    const file = writeYaml('bad.yml', compose);
    // WHEN
    const result = dockerComposeConfig(file);
    // THEN
    expect(result.available).toBe(true);
    expect(result.errors).toContain('services.web.ports contains an invalid type, it should be an array');
  });

  itWithTool('docker-compose')('reads variables from --env-file', () => {
    // GIVEN: an image tag taken from the environment
    const compose = composeFile();
    compose.services.web.image = 'registry.example.com/web:${WEB_TAG:?WEB_TAG is required}';
    const file = writeYaml('env.yml', compose);
    const envFile = path.join(tmpDir, 'test.env');
    fs.writeFileSync(envFile, 'WEB_TAG=1.2.3\n');
    // WHEN
    const withEnv = dockerComposeConfig(file, { envFile });
    const withoutEnv = dockerComposeConfig(file);
    // THEN
    expect(withEnv.errors).toBe('');
    expect(withoutEnv.errors).toContain('WEB_TAG is required');
  });

  test('reports available=false when the binary is absent', () => {
    // GIVEN: an empty PATH
    const saved = process.env.PATH;
    process.env.PATH = tmpDir;
    try {
      // WHEN
      const result = dockerComposeConfig(path.join(tmpDir, 'missing.yml'));
      // THEN
      expect(result).toEqual({ available: false, errors: '', warnings: '' });
    } finally {
      process.env.PATH = saved;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// requireTool: missing tools fail on CI, skip locally
// ---------------------------------------------------------------------------------------------

describe('requireTool', () => {
  const savedCi = process.env.CI;
  afterEach(() => {
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
    jest.restoreAllMocks();
  });

  test('fails on CI when the binary is absent', () => {
    // GIVEN
    process.env.CI = 'true';
    // WHEN / THEN
    expect(() => requireTool('no-such-tool-for-tests')).toThrow(/no-such-tool-for-tests is not installed .*required on CI/);
  });

  test('returns false with a printed reason locally when the binary is absent', () => {
    // GIVEN
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // WHEN
    const available = requireTool('no-such-tool-for-tests');
    // THEN
    expect(available).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPED: no-such-tool-for-tests is not installed'));
  });

  test('returns true when the binary is on PATH', () => {
    expect(requireTool('node')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// podSecurityFindings (@monokle/validation, offline)
// ---------------------------------------------------------------------------------------------

describe('podSecurityFindings', () => {
  test('passes a correct restricted Deployment and Service', async () => {
    expect(await podSecurityFindings([restrictedDeployment(), service()])).toEqual([]);
  });

  test('fails when a pod is privileged', async () => {
    // GIVEN
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug' },
      spec: { ...restrictedDeployment().spec.template.spec },
    };
    pod.spec.containers[0].securityContext.privileged = true;
    // WHEN
    const findings = await podSecurityFindings([pod]);
    // THEN
    expect(findings).toEqual([
      'Pod/debug: PSS103 Restrict usage of privileged pods. (at spec.containers.0.securityContext.privileged)',
    ]);
  });

  test('fails when a container does not set runAsNonRoot', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    // WHEN
    const findings = await podSecurityFindings([deployment]);
    // THEN
    expect(findings).toEqual([
      'Deployment/web: PSS203 Requires the container to runs as non root user. ' +
        '(at spec.template.spec.containers.0.securityContext.runAsNonRoot)',
    ]);
  });

  test('fails when a hostPath volume is mounted (baseline and restricted rules)', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/var/run' } });
    // WHEN
    const findings = await podSecurityFindings([deployment]);
    // THEN
    expect(findings.map((f) => f.split(' ')[1]).sort()).toEqual(['PSS105', 'PSS201']);
  });

  test('fails when a Service selects no pod (resource-links)', async () => {
    // GIVEN
    const svc = service();
    svc.spec.selector = { 'app.kubernetes.io/name': 'nothing' };
    // WHEN
    const findings = await podSecurityFindings([restrictedDeployment(), svc]);
    // THEN
    expect(findings).toEqual([expect.stringMatching(/^Service\/web: LNK001 /)]);
  });

  test('drops rules listed in ignoreRules', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    // WHEN / THEN
    expect(await podSecurityFindings([deployment], { ignoreRules: ['PSS203'] })).toEqual([]);
  });
});
