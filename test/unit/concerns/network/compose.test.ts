import { find, synthChart } from '../../../support/synth';
import { AppChart, Database, DatabaseEngine, WebService, Worker } from '../../../../lib';
import { checkParity } from '../../../../lib/validation';

describe('Compose profiles and networks', () => {
  const out = () =>
    synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), networks: ['tools'] });
      const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1', networks: ['gateway'] });
      api.connectTo(db);
      new Worker(chart, 'Seed', { name: 'seed', image: 's:1', runOnce: true, profiles: ['seed'] }).connectTo(db);
      new WebService(chart, 'Admin', { name: 'admin', image: 'dpage/pgadmin4:8', profiles: ['tools', 'admin'], networks: ['tools'] });
      new Worker(chart, 'Report', { name: 'report', image: 'r:1', schedule: '@daily', profiles: ['reports'] });
      return chart;
    });

  test('optional services start only with their profiles; scheduled jobs keep the scheduled profile', () => {
    const { compose } = out();
    expect(compose.services.seed.profiles).toEqual(['seed']);
    expect(compose.services.admin.profiles).toEqual(['admin', 'tools']);
    expect(compose.services.report.profiles).toEqual(['reports', 'scheduled']);
    expect(compose.services.api.profiles).toBeUndefined();
  });

  test('named networks are joined and declared, next to the networks derived from connections', () => {
    const { compose } = out();
    expect(compose.services.api.networks).toEqual(['db-net', 'default', 'gateway']);
    expect(compose.services.db.networks).toEqual(['db-net', 'tools']);
    expect(compose.services.admin.networks).toEqual(['default', 'tools']);
    expect(compose.networks).toEqual({ 'default': {}, 'db-net': { internal: true }, 'gateway': {}, 'tools': {} });
  });

  test('Kubernetes is unaffected: the services are rendered, and parity holds', () => {
    const { objects, compose } = out();
    expect(find(objects, 'Deployment', 'admin').kind).toBe('Deployment');
    expect(find(objects, 'Job', 'seed').kind).toBe('Job');
    expect(checkParity(objects, compose)).toEqual([]);
  });

  test.each([
    ['a profile name with a space', { profiles: ['my tools'] }, /profiles entry 'my tools' is invalid; allowed: letters, digits/],
    ['a network name starting with a dash', { networks: ['-edge'] }, /networks entry '-edge' is invalid/],
  ])('fails when %s', (_title, props, message) => {
    expect(() => synthChart((app) => new WebService(new AppChart(app, 'shop'), 'Api', { name: 'api', image: 'a:1', ...props }).node.scope as AppChart)).toThrow(
      message,
    );
  });

  test.each([
    [
      'a service without profile depends on a profiled one',
      [],
      ['seed'],
      /cannot depend on 'seed': it starts only under the Compose profiles seed, and 'api' \(no profile\) would start without it/,
    ],
    [
      'a profile the dependency does not have',
      ['tools', 'seed'],
      ['seed'],
      /'api' \(profiles seed, tools\) would start without it.*allowed: give 'api' only profiles 'seed' has/,
    ],
  ])('fails when %s (docker compose up would refuse it), naming the construct', (_title, apiProfiles, seedProfiles, message) => {
    const build = () =>
      synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        const seed = new Worker(chart, 'Seed', { name: 'seed', image: 's:1', runOnce: true, profiles: seedProfiles });
        new WebService(chart, 'Api', { name: 'api', image: 'a:1', profiles: apiProfiles }).dependsOn(seed);
        return chart;
      });
    expect(build).toThrow(message);
    expect(build).toThrow(/shop\/Api/);
  });

  test.each([
    ['before the database', true],
    ['after the database', false],
  ])('a named network that is a database network is refused (declared %s)', (_title, first) => {
    const build = () =>
      synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        const admin = () => new WebService(chart, 'Admin', { name: 'admin', image: 'a:1', networks: ['orders-db-net'] });
        if (first) {
          admin();
        }
        new Database(chart, 'Db', { name: 'orders-db', engine: DatabaseEngine.postgres('16') });
        if (!first) {
          admin();
        }
        return chart;
      });
    expect(build).toThrow(
      /'admin' joins the network 'orders-db-net' by name, which holds only database 'orders-db' and its clients \(connectTo\); allowed: connectTo\('orders-db'\)/,
    );
  });

  test('a profiled service may depend on an always-on one, or on one with the same profiles', () => {
    const { compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      const seed = new Worker(chart, 'Seed', { name: 'seed', image: 's:1', runOnce: true, profiles: ['seed', 'tools'] });
      new Worker(chart, 'Check', { name: 'check', image: 's:1', runOnce: true, profiles: ['seed'] }).dependsOn(seed);
      seed.dependsOn(api);
      return chart;
    });
    expect(Object.keys(compose.services.check.depends_on)).toEqual(['seed']);
    expect(Object.keys(compose.services.seed.depends_on)).toEqual(['api']);
  });
});
