/**
 * Where the synthesized Sock Shop differs from its upstream Kubernetes manifest and Compose
 * file, and why. Many are places where upstream's two files disagree with each other: one
 * definition can only say one thing. The test compares this list with the differences it
 * finds, both ways.
 */
export const KNOWN_DIFFERENCES: Array<{ difference: string; why: string }> = [
  {
    difference: 'catalogue-db: kind: upstream "Deployment", ours "StatefulSet"',
    why: "a Database is a StatefulSet with a volume claim: upstream's Deployments lose the data on every restart",
  },
  {
    difference: 'catalogue-db: env MYSQL_PASSWORD: upstream undefined, ours "<secret catalogue-db-credentials/password>"',
    why: "no secret value in the manifests: upstream writes the root password in plain text (fake_password); here the root password is random and catalogue_user's password comes from the Secret catalogue-db-credentials",
  },
  {
    difference: 'catalogue-db: env MYSQL_RANDOM_ROOT_PASSWORD: upstream undefined, ours "yes"',
    why: "no secret value in the manifests: upstream writes the root password in plain text (fake_password); here the root password is random and catalogue_user's password comes from the Secret catalogue-db-credentials",
  },
  {
    difference: 'catalogue-db: env MYSQL_ROOT_PASSWORD: upstream "fake_password", ours undefined',
    why: "no secret value in the manifests: upstream writes the root password in plain text (fake_password); here the root password is random and catalogue_user's password comes from the Secret catalogue-db-credentials",
  },
  {
    difference: 'catalogue-db: env MYSQL_USER: upstream undefined, ours "catalogue_user"',
    why: "no secret value in the manifests: upstream writes the root password in plain text (fake_password); here the root password is random and catalogue_user's password comes from the Secret catalogue-db-credentials",
  },
  {
    difference:
      'catalogue-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'catalogue-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'catalogue-db: runAsUser: upstream 0, ours 999',
    why: 'the MySQL image runs fine as its mysql user (999) on a volume it owns (fsGroup): no root needed, so the chart stays restricted there',
  },
  {
    difference: 'carts-db: kind: upstream "Deployment", ours "StatefulSet"',
    why: "a Database is a StatefulSet with a volume claim: upstream's Deployments lose the data on every restart",
  },
  {
    difference: 'carts-db: image: upstream "mongo", ours "mongo:3.4"',
    why: "upstream's Kubernetes manifest uses the untagged (mutable) mongo, its Compose file mongo:3.4; one definition pins 3.4 for both",
  },
  {
    difference:
      'carts-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'carts-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'orders-db: kind: upstream "Deployment", ours "StatefulSet"',
    why: "a Database is a StatefulSet with a volume claim: upstream's Deployments lose the data on every restart",
  },
  {
    difference: 'orders-db: image: upstream "mongo", ours "mongo:3.4"',
    why: "upstream's Kubernetes manifest uses the untagged (mutable) mongo, its Compose file mongo:3.4; one definition pins 3.4 for both",
  },
  {
    difference:
      'orders-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'orders-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'queue-master: runAsUser: upstream 0, ours 10001',
    why: 'upstream gives queue-master no securityContext (root); it needs nothing root has, so it runs like the other Java services (10001 with NET_BIND_SERVICE)',
  },
  {
    difference: 'session-db: kind: upstream "Deployment", ours "StatefulSet"',
    why: "a Database is a StatefulSet with a volume claim: upstream's Deployments lose the data on every restart",
  },
  {
    difference:
      'session-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'session-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'user: env MONGO_HOST: upstream undefined, ours "user-db:27017"',
    why: "upstream's Kubernetes manifest sets `mongo`, which the user service never reads (its Compose file sets MONGO_HOST, which it does): one definition sets the variable the code reads",
  },
  {
    difference: 'user: env mongo: upstream "user-db:27017", ours undefined',
    why: "upstream's Kubernetes manifest sets `mongo`, which the user service never reads (its Compose file sets MONGO_HOST, which it does): one definition sets the variable the code reads",
  },
  {
    difference: 'user-db: kind: upstream "Deployment", ours "StatefulSet"',
    why: "a Database is a StatefulSet with a volume claim: upstream's Deployments lose the data on every restart",
  },
  {
    difference:
      'user-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'user-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (mysqladmin ping, a mongo ping, redis-cli ping), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'compose front-end: ports: upstream [], ours ["8079:8079"]',
    why: 'the edge router is not part of the definition: the front end is published on localhost:8079 instead',
  },
  {
    difference: 'compose front-end: environment SESSION_REDIS: upstream undefined, ours "true"',
    why: "upstream's two files disagree (sessions in Redis in Kubernetes, in memory in Compose): one definition, the Kubernetes behaviour, with session-db in both",
  },
  {
    difference: 'compose edge-router: missing',
    why: 'Compose-only services (a Traefik edge router, a load test) are not expressible yet: a workload renders in both targets (issue 12, profiles)',
  },
  {
    difference: 'compose catalogue-db: environment MYSQL_ALLOW_EMPTY_PASSWORD: upstream "true", ours undefined',
    why: 'the same credentials as in Kubernetes (a Secret read from the env file) instead of an empty root password',
  },
  {
    difference:
      'compose catalogue-db: environment MYSQL_PASSWORD: upstream undefined, ours "${CATALOGUE_DB_CREDENTIALS_PASSWORD:-dev-catalogue-db-credentials-password}"',
    why: 'the same credentials as in Kubernetes (a Secret read from the env file) instead of an empty root password',
  },
  {
    difference: 'compose catalogue-db: environment MYSQL_RANDOM_ROOT_PASSWORD: upstream undefined, ours "yes"',
    why: 'the same credentials as in Kubernetes (a Secret read from the env file) instead of an empty root password',
  },
  {
    difference: 'compose catalogue-db: environment MYSQL_ROOT_PASSWORD: upstream "${MYSQL_ROOT_PASSWORD}", ours undefined',
    why: 'the same credentials as in Kubernetes (a Secret read from the env file) instead of an empty root password',
  },
  {
    difference: 'compose catalogue-db: environment MYSQL_USER: upstream undefined, ours "catalogue_user"',
    why: 'the same credentials as in Kubernetes (a Secret read from the env file) instead of an empty root password',
  },
  {
    difference: 'compose shipping: environment ZIPKIN: upstream undefined, ours "zipkin.jaeger.svc.cluster.local"',
    why: "upstream's two files disagree (ZIPKIN only in Kubernetes, read by nothing): one definition keeps the Kubernetes value",
  },
  {
    difference:
      'compose queue-master: environment JAVA_OPTS: upstream undefined, ours "-Xms64m -Xmx128m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom -Dspring.zipkin.enabled=false"',
    why: "upstream's two files disagree (JAVA_OPTS only in Kubernetes): one definition keeps the Kubernetes value",
  },
  {
    difference: 'compose rabbitmq: image: upstream "rabbitmq:3.6.8", ours "rabbitmq:3.6.8-management"',
    why: "upstream's two files disagree (rabbitmq:3.6.8-management in Kubernetes, rabbitmq:3.6.8 in Compose): one image for both",
  },
  {
    difference: 'compose user: image: upstream "weaveworksdemos/user:0.4.4", ours "weaveworksdemos/user:0.4.7"',
    why: "upstream's two files disagree (0.4.7 in Kubernetes, 0.4.4 in Compose): one image for both",
  },
  {
    difference: 'compose user-db: image: upstream "weaveworksdemos/user-db:0.4.0", ours "weaveworksdemos/user-db:0.3.0"',
    why: "upstream's two files disagree (0.3.0 in Kubernetes, 0.4.0 in Compose): one image for both",
  },
  {
    difference: 'compose user-sim: missing',
    why: 'Compose-only services (a Traefik edge router, a load test) are not expressible yet: a workload renders in both targets (issue 12, profiles)',
  },
  {
    difference: 'compose rabbitmq-rabbitmq-exporter: not upstream',
    why: 'the exporter sidecar of the Kubernetes pod (upstream Compose has none) runs beside RabbitMQ in Compose too',
  },
  {
    difference: 'compose session-db: not upstream',
    why: "session-db is in upstream's Kubernetes manifest only; one definition has it in both",
  },
];
