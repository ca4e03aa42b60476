/**
 * Proves the Compose checks can fail (and stay quiet on correct input), so a green test that
 * uses them means something: the compose-spec schema and docker-compose's own parser.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Check, checkComposeSchema, checkComposeWithTool } from '../../../lib/validation';
import { itWithTool } from '../../support/tools';

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
// checkComposeSchema
// ---------------------------------------------------------------------------------------------

describe('checkComposeSchema', () => {
  test('passes a correct Compose file', () => {
    expect(checkComposeSchema(composeFile())).toEqual({ findings: [], skipped: [] });
  });

  test('fails when ports is a number', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.web.ports = 5;
    // WHEN
    const { findings } = checkComposeSchema(compose);
    // THEN
    expect(findings).toEqual([{ check: Check.COMPOSE_SCHEMA, object: 'services.web', path: 'ports', message: 'must be array' }]);
  });

  test('fails when a service key is unknown (healthchek)', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.db.healthchek = compose.services.db.healthcheck;
    delete compose.services.db.healthcheck;
    // WHEN
    const { findings } = checkComposeSchema(compose);
    // THEN
    expect(findings).toEqual([{ check: Check.COMPOSE_SCHEMA, object: 'services.db', path: '', message: 'must NOT have additional properties: "healthchek"' }]);
  });

  test('fails when a duration is not a Go duration', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.db.healthcheck.interval = '5 seconds';
    // WHEN
    const { findings } = checkComposeSchema(compose);
    // THEN
    expect(findings).toEqual([{ check: Check.COMPOSE_SCHEMA, object: 'services.db', path: 'healthcheck.interval', message: 'must match format "duration"' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// checkComposeWithTool (Debian's docker-compose 1.29; required on CI)
// ---------------------------------------------------------------------------------------------

describe('checkComposeWithTool', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  itWithTool('docker-compose', 'passes a correct Compose file', () => {
    // GIVEN
    const file = writeYaml('good.yml', composeFile());
    // WHEN
    const result = checkComposeWithTool(file);
    // THEN
    expect(result).toEqual({ findings: [], skipped: [] });
  });

  itWithTool('docker-compose', 'fails when docker-compose rejects the file', () => {
    // GIVEN
    const compose = composeFile();
    compose.services.web.ports = 5;
    const file = writeYaml('bad.yml', compose);
    // WHEN
    const result = checkComposeWithTool(file);
    // THEN
    expect(result).toEqual({
      findings: [
        {
          check: Check.DOCKER_COMPOSE,
          object: 'bad.yml',
          path: '',
          message: expect.stringMatching(/services\.web\.ports contains an invalid type, it should be an array/),
        },
      ],
      skipped: [],
    });
  });

  itWithTool('docker-compose', 'reads variables from the env file', () => {
    // GIVEN: an image tag taken from the environment
    const compose = composeFile();
    compose.services.web.image = 'registry.example.com/web:${WEB_TAG:?WEB_TAG is required}';
    const file = writeYaml('env.yml', compose);
    const envFile = path.join(tmpDir, 'test.env');
    fs.writeFileSync(envFile, 'WEB_TAG=1.2.3\n');
    // WHEN
    const withEnv = checkComposeWithTool(file, envFile);
    const withoutEnv = checkComposeWithTool(file);
    // THEN
    expect(withEnv).toEqual({ findings: [], skipped: [] });
    expect(withoutEnv.findings).toEqual([{ check: Check.DOCKER_COMPOSE, object: 'env.yml', path: '', message: expect.stringMatching(/WEB_TAG is required/) }]);
  });

  test('reports the check as skipped, with no finding, when the binary is absent', () => {
    // GIVEN: an executable that does not exist stands for a machine without docker-compose.
    const missing = path.join(tmpDir, 'docker-compose');
    // WHEN
    const result = checkComposeWithTool(path.join(tmpDir, 'missing.yml'), undefined, missing);
    // THEN
    expect(result).toEqual({
      findings: [],
      skipped: [`docker-compose: ${missing} is not installed (apt-get install docker-compose)`],
    });
  });
});
