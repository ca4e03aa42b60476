import { Construct } from 'constructs';
import {
  AppChart,
  AppChartProps,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  HealthCheck,
  InImageClient,
  Memory,
  PodCount,
  SecretsBackend,
  WebService,
  Worker,
} from '../../lib';

/**
 * Ciphertext from `kubeseal --raw --namespace blog --name <secret>` for the cluster's key:
 * safe to commit, only the cluster's controller can decrypt it. (Placeholders here.)
 */
const SEALED = {
  'blog-mysql': { 'app-password': 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq' },
  'blog-session': { key: 'AgCf8kRmyHbxWj1Ul2+U0YrzuYvYp8Ea' },
  'blog-cdn': { token: 'AgAqDwjDWIWjK1T3BGoYkb2wP9sF2eUX' },
};

/**
 * A blog: a PHP-style web app on MySQL, with a sitemap rebuilt every 15 minutes by a
 * scheduled job and an uploads cleanup that calls an external API.
 */
export class BlogChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { namespace: 'blog', secrets: SecretsBackend.sealedSecrets({ encryptedData: SEALED }), ...props });

    const db = new Database(this, 'Db', {
      name: 'blog-db',
      engine: DatabaseEngine.mysql('8.4'),
      storage: Memory.gibibytes(20),
      storageClassName: 'fast-ssd',
      databaseName: 'blog',
      user: 'blog',
      credentials: DatabaseCredentials.fromExistingSecret('blog-mysql', 'app-password'),
      publish: 3306,
    });

    const site = new WebService(this, 'Site', {
      name: 'site',
      image: 'registry.example.com/blog/site:3.2.0',
      ports: [
        { name: 'http', port: 8080, publish: 8081 },
        { name: 'metrics', port: 9090 },
      ],
      replicas: 3,
      env: {
        SITE_URL: EnvValue.fromValue('https://blog.example.com'),
        // A literal dollar sign: escaped as $$ in Compose, kept as is in Kubernetes.
        GREETING: EnvValue.fromValue('Price: $5'),
        SESSION_KEY: EnvValue.fromSecret('blog-session', 'key'),
      },
      healthCheck: HealthCheck.http('/health', { port: 'http', inImage: InImageClient.CURL }),
      // Changing this file changes the checksum on the pod template: pods roll.
      configFiles: [{ path: '/etc/blog/site.yaml', content: 'title: My Blog\ncomments: on\n' }],
      rollingUpdate: { maxSurge: PodCount.of(1), maxUnavailable: PodCount.of(1) },
      ingress: { host: 'blog.example.com', path: '/', tlsSecretName: 'blog-tls', className: 'nginx' },
    });
    site.connectTo(db);

    const sitemap = new Worker(this, 'Sitemap', {
      name: 'sitemap',
      image: 'registry.example.com/blog/site:3.2.0',
      args: ['bin/rebuild-sitemap', '--all'],
      schedule: '*/15 * * * *',
    });
    sitemap.connectTo(db);
    sitemap.connectTo(site, { envPrefix: 'SITE' });

    new Worker(this, 'Cleanup', {
      name: 'uploads-cleanup',
      image: 'registry.example.com/blog/site:3.2.0',
      args: ['bin/cleanup-uploads'],
      schedule: '@daily',
      allowExternalEgress: true,
      env: { CDN_API_TOKEN: EnvValue.fromSecret('blog-cdn', 'token') },
    });
  }
}
