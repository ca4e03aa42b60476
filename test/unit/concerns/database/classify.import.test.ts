import { engineOfImage } from '../../../../lib/concerns/database/classify.import';

describe('engineOfImage', () => {
  test.each([
    ['postgres:16', { factory: 'postgres', version: '16', image: undefined, port: 5432 }],
    ['postgres', { factory: 'postgres', version: 'latest', image: 'postgres' }],
    ['docker.io/library/postgres:15-alpine', { factory: 'postgres', version: '15-alpine', image: 'docker.io/library/postgres:15-alpine' }],
    ['postgis/postgis:16-3.4', { factory: 'postgres', version: '16-3.4', image: 'postgis/postgis:16-3.4' }],
    ['mysql:8.4', { factory: 'mysql', version: '8.4', image: undefined, port: 3306 }],
    ['mariadb:10.11', { factory: 'mysql', version: '10.11', image: 'mariadb:10.11', note: expect.stringMatching(/MariaDB/) }],
    ['redis:7-alpine', { factory: 'redis', version: '7-alpine', port: 6379, dataPath: '/data' }],
    ['mongo:7.0', { factory: 'mongo', version: '7.0', port: 27017 }],
    ['redis@sha256:0123', { factory: 'redis', version: 'latest', image: 'redis@sha256:0123' }],
  ])('%s is a Database', (image, expected) => {
    expect(engineOfImage(image)).toMatchObject(expected);
  });

  test.each(['bitnami/postgresql:16', 'ghcr.io/acme/postgres-tools:1', 'memcached:1.6', 'nginx:1.27', 'rabbitmq:3'])('%s is not a Database', (image) => {
    expect(engineOfImage(image)).toBeUndefined();
  });

  test('an image named after an engine, given the official variables, is that engine (with a note); Bitnami is not', () => {
    expect(engineOfImage('ghcr.io/immich-app/postgres:14-vectorchord0.4.3', ['POSTGRES_PASSWORD'])).toMatchObject({
      factory: 'postgres',
      version: '14-vectorchord0.4.3',
      image: 'ghcr.io/immich-app/postgres:14-vectorchord0.4.3',
      note: expect.stringMatching(/taken for a postgres image/),
    });
    expect(engineOfImage('ghcr.io/immich-app/postgres:14', [])).toBeUndefined();
    expect(engineOfImage('bitnami/mariadb:11', ['MARIADB_PASSWORD'])).toBeUndefined();
    expect(engineOfImage('acme/mongodb-custom:7', ['MONGO_INITDB_ROOT_USERNAME'])).toMatchObject({ factory: 'mongo' });
  });
});
