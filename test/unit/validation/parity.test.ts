import * as fs from 'fs';
import * as path from 'path';
import { synthChart } from '../../support/synth';
import { checkParity } from '../../../lib/validation';
import { INTENDED_DIFFERENCES } from '../../../lib/validation/parity';
import { AppChart, Database, DatabaseEngine, EnvValue, HealthCheck, InImageClient, WebService, Worker } from '../../../lib';

/** A chart exercising every compared aspect: env with secrets, deps, health, volumes, jobs, config files. */
function outputs() {
  const { objects, compose } = synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: 'a:1', runOnce: true, command: ['migrate'] });
    migrate.connectTo(db);
    const api = new WebService(chart, 'Api', {
      name: 'api',
      image: 'a:1',
      args: ['--url', '$(DATABASE_URL)'],
      env: { DATABASE_URL: db.connection.url, PRICE: EnvValue.fromValue('$5') },
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.CURL }),
      configFiles: [{ path: '/etc/api.json', content: '{}' }],
    });
    api.connectTo(db);
    api.dependsOn(migrate);
    return chart;
  });
  return { objects: JSON.parse(JSON.stringify(objects)), compose: JSON.parse(JSON.stringify(compose)) };
}

describe('checkParity', () => {
  test('finds no difference between the outputs of one chart', () => {
    const { objects, compose } = outputs();
    expect(checkParity(objects, compose)).toEqual([]);
  });

  /** Each mutation of one output must produce exactly the named difference. */
  const mutations: Array<[string, (o: { objects: any[]; compose: any }) => void, string, RegExp]> = [
    ['a service is missing in Compose', ({ compose }) => delete compose.services.migrate, 'service', /Kubernetes has 'Job\/migrate', Compose has 'no service'/],
    ['an image differs', ({ compose }) => (compose.services.api.image = 'a:2'), 'image', /'a:1'.*'a:2'/],
    ['replicas differ', ({ compose }) => (compose.services.api.deploy.replicas = 5), 'replicas', /Kubernetes has 2, Compose has 5/],
    ['a container port differs', ({ compose }) => (compose.services.api.expose = ['9090']), 'ports', /\[8080\].*\[9090\]/],
    ['an env value differs', ({ compose }) => (compose.services.api.environment.PRICE = '$$6'), 'environment.PRICE', /'\$5'.*'\$6'/],
    ['an env var is missing', ({ compose }) => delete compose.services.api.environment.DB_HOST, 'environment.DB_HOST', /'db', Compose has nothing/],
    [
      'a secret comes from another secret',
      ({ compose }) => (compose.services.db.environment.POSTGRES_PASSWORD = '${OTHER_PASSWORD:?x}'),
      'environment.POSTGRES_PASSWORD',
      /DB_CREDENTIALS_PASSWORD.*OTHER_PASSWORD/,
    ],
    [
      'a composed URL differs',
      ({ compose }) => (compose.services.api.environment.DATABASE_URL = 'postgres://x'),
      'environment.DATABASE_URL',
      /postgres:\/\/app:<secret DB_CREDENTIALS_PASSWORD>@db:5432\/app/,
    ],
    ['args differ', ({ compose }) => (compose.services.api.command = ['--url', 'nope']), 'args', /--url/],
    ['command differs', ({ compose }) => (compose.services.migrate.entrypoint = ['other']), 'command', /\["migrate"\].*\["other"\]/],
    [
      'a depends_on is missing',
      ({ compose }) => delete compose.services.api.depends_on.db,
      'depends_on.db',
      /'a network connection', Compose has 'no depends_on'/,
    ],
    [
      'a depends_on condition is wrong',
      ({ compose }) => (compose.services.api.depends_on.migrate.condition = 'service_started'),
      'depends_on.migrate.condition',
      /service_completed_successfully/,
    ],
    [
      'a health check interval differs',
      ({ compose }) => (compose.services.api.healthcheck.interval = '30s'),
      'healthcheck.interval',
      /Kubernetes has 10, Compose has '30s'/,
    ],
    [
      'a health check path differs',
      ({ compose }) => (compose.services.api.healthcheck.test[5] = 'http://127.0.0.1:8080/other'),
      'healthcheck.test',
      /GET http:\/\/127.0.0.1:8080\/healthz/,
    ],
    ['a health check is missing', ({ compose }) => delete compose.services.api.healthcheck, 'healthcheck', /'a readiness probe', Compose has 'no healthcheck'/],
    ['a volume mount path differs', ({ compose }) => (compose.services.db.volumes = ['db-data:/data']), 'volumes.persistent', /\/var\/lib\/postgresql\/data/],
    ['a config file is missing', ({ compose }) => (compose.services.api.volumes = []), 'volumes.files', /\/etc\/api.json/],
    ['a writable path differs', ({ compose }) => (compose.services.db.tmpfs = ['/tmp']), 'volumes.writable', /var\/run\/postgresql/],
    ['the user differs', ({ compose }) => (compose.services.api.user = '0:0'), 'security.user', /'10001:10001', Compose has '0:0'/],
    [
      'the root filesystem is writable in Compose',
      ({ compose }) => (compose.services.api.read_only = false),
      'security.readOnlyRootFilesystem',
      /true, Compose has false/,
    ],
    [
      'a memory limit differs',
      ({ compose }) => (compose.services.api.deploy.resources.limits.memory = '1g'),
      'resources.limits.memory',
      /268435456.*1073741824/,
    ],
    [
      'a CPU request differs',
      ({ objects }) => (objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].resources.requests.cpu = '300m'),
      'resources.requests.cpu',
      /0.3, Compose has 0.1/,
    ],
    [
      'a memory limit does not parse on either side',
      ({ objects, compose }) => {
        objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].resources.limits.memory = '1Pi';
        compose.services.api.deploy.resources.limits.memory = '3x';
      },
      'resources.limits.memory',
      /NaN|null/,
    ],
    [
      "a health check path is a prefix of the probe's",
      ({ compose }) => (compose.services.api.healthcheck.test[5] = 'http://127.0.0.1:8080/healthzz'),
      'healthcheck.test',
      /GET http:\/\/127.0.0.1:8080\/healthz/,
    ],
    ['a job restarts in Compose', ({ compose }) => (compose.services.migrate.restart = 'unless-stopped'), 'restart', /'no', Compose has 'always restarted'/],
  ];
  test.each(mutations)('reports when %s', (_title, mutate, aspect, message) => {
    const o = outputs();
    mutate(o);
    const found = checkParity(o.objects, o.compose);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe(aspect);
    expect(found[0].message).toMatch(message);
  });

  test("a missing health check also shows in the dependants' wait conditions", () => {
    const o = outputs();
    delete o.compose.services.db.healthcheck;
    expect(checkParity(o.objects, o.compose).map((f) => `${f.object} ${f.path}`)).toEqual([
      'services.db healthcheck',
      'services.api depends_on.db.condition',
      'services.migrate depends_on.db.condition',
    ]);
  });
});

describe('INTENDED_DIFFERENCES', () => {
  test('the capability table (docs/reference/capabilities.md) lists every intended difference, and only those', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'reference', 'capabilities.md'), 'utf8');
    const start = page.indexOf('## Parity between the targets');
    const next = page.indexOf('\n## ', start + 1);
    const section = page.slice(start, next === -1 ? undefined : next);
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| difference |'));
    expect(rows).toEqual(INTENDED_DIFFERENCES.map((d) => `| ${d.feature} | ${d.why} |`));
  });

  test("an in-image client command is compared by presence and timing: what it probes is inside the user's command", () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'a:1',
        healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.command(['/app/healthcheck']) }),
      });
      return chart;
    });
    const own = { objects: JSON.parse(JSON.stringify(objects)), compose: JSON.parse(JSON.stringify(compose)) };
    // Without the fact, the URL the probe reads is not in the command: a false difference.
    expect(checkParity(own.objects, own.compose).map((d) => d.path)).toEqual(['healthcheck.test']);
    expect(checkParity(own.objects, own.compose, { ownHealthCommand: ['api'] })).toEqual([]);
    // Timing is still compared.
    own.compose.services.api.healthcheck.interval = '99s';
    expect(checkParity(own.objects, own.compose, { ownHealthCommand: ['api'] }).map((d) => d.path)).toEqual(['healthcheck.interval']);
  });
});
