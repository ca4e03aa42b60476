/**
 * Where the synthesized Bank of Anthos differs from its upstream manifests, and why. The test
 * compares this list with the differences it finds, both ways.
 */
export const KNOWN_DIFFERENCES: Array<{ difference: string; why: string }> = [
  {
    difference: 'frontend: containerPorts: upstream [], ours [8080]',
    why: 'a WebService declares the port it listens on (the Service targets it by name, the NetworkPolicy admits it); upstream leaves it undeclared and targets 8080 by number',
  },
  {
    difference:
      'userservice: env ACCOUNTS_DB_URI: upstream "postgresql://accounts-admin:accounts-pwd@accounts-db:5432/accounts-db", ours "postgresql://accounts-admin:<secret accounts-db-credentials/password>@accounts-db:5432/accounts-db"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'userservice: env POSTGRES_PASSWORD: upstream "accounts-pwd", ours "<secret accounts-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'contacts: containerPorts: upstream [], ours [8080]',
    why: 'a WebService declares the port it listens on (the Service targets it by name, the NetworkPolicy admits it); upstream leaves it undeclared and targets 8080 by number',
  },
  {
    difference:
      'contacts: env ACCOUNTS_DB_URI: upstream "postgresql://accounts-admin:accounts-pwd@accounts-db:5432/accounts-db", ours "postgresql://accounts-admin:<secret accounts-db-credentials/password>@accounts-db:5432/accounts-db"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'contacts: env POSTGRES_PASSWORD: upstream "accounts-pwd", ours "<secret accounts-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'balancereader: containerPorts: upstream [], ours [8080]',
    why: 'a WebService declares the port it listens on (the Service targets it by name, the NetworkPolicy admits it); upstream leaves it undeclared and targets 8080 by number',
  },
  {
    difference: 'balancereader: env NAMESPACE: upstream "<fieldRef metadata.namespace>", ours "bank-of-anthos"',
    why: 'the downward API is not modelled yet: the namespace is written as a literal (the same value, since the chart fixes the namespace)',
  },
  {
    difference: 'balancereader: env POSTGRES_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'balancereader: env SPRING_DATASOURCE_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference:
      'balancereader: livenessProbe: upstream {"kind":"httpGet","port":8080,"path":"/healthy","initialDelaySeconds":120,"periodSeconds":5,"timeoutSeconds":10,"failureThreshold":3}, ours {"kind":"httpGet","port":8080,"path":"/ready","initialDelaySeconds":120,"periodSeconds":5,"timeoutSeconds":10,"failureThreshold":3}',
    why: 'the liveness probe runs the same request as the health check (/ready); a liveness path of its own (/healthy) is not expressible yet',
  },
  {
    difference: 'ledgerwriter: containerPorts: upstream [], ours [8080]',
    why: 'a WebService declares the port it listens on (the Service targets it by name, the NetworkPolicy admits it); upstream leaves it undeclared and targets 8080 by number',
  },
  {
    difference: 'ledgerwriter: env NAMESPACE: upstream "<fieldRef metadata.namespace>", ours "bank-of-anthos"',
    why: 'the downward API is not modelled yet: the namespace is written as a literal (the same value, since the chart fixes the namespace)',
  },
  {
    difference: 'ledgerwriter: env POSTGRES_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'ledgerwriter: env SPRING_DATASOURCE_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'transactionhistory: containerPorts: upstream [], ours [8080]',
    why: 'a WebService declares the port it listens on (the Service targets it by name, the NetworkPolicy admits it); upstream leaves it undeclared and targets 8080 by number',
  },
  {
    difference: 'transactionhistory: env NAMESPACE: upstream "<fieldRef metadata.namespace>", ours "bank-of-anthos"',
    why: 'the downward API is not modelled yet: the namespace is written as a literal (the same value, since the chart fixes the namespace)',
  },
  {
    difference: 'transactionhistory: env POSTGRES_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'transactionhistory: env SPRING_DATASOURCE_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference:
      'transactionhistory: livenessProbe: upstream {"kind":"httpGet","port":8080,"path":"/healthy","initialDelaySeconds":120,"periodSeconds":5,"timeoutSeconds":10,"failureThreshold":3}, ours {"kind":"httpGet","port":8080,"path":"/ready","initialDelaySeconds":120,"periodSeconds":5,"timeoutSeconds":10,"failureThreshold":3}',
    why: 'the liveness probe runs the same request as the health check (/ready); a liveness path of its own (/healthy) is not expressible yet',
  },
  {
    difference: 'accounts-db: env ACCOUNTS_DB_URI: upstream "postgresql://accounts-admin:accounts-pwd@accounts-db:5432/accounts-db", ours undefined',
    why: "upstream hands the databases their clients' whole ConfigMap (envFrom); here a database gets only what its image reads",
  },
  {
    difference: 'accounts-db: env PGDATA: upstream undefined, ours "/var/lib/postgresql/data/pgdata"',
    why: "the Postgres engine keeps its data in a subdirectory of the volume (a fresh volume's root may hold lost+found, which initdb refuses)",
  },
  {
    difference: 'accounts-db: env POSTGRES_PASSWORD: upstream "accounts-pwd", ours "<secret accounts-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference:
      'accounts-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (pg_isready), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'accounts-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (pg_isready), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'accounts-db: runAsUser: upstream 0, ours 999',
    why: "a Database runs as its engine's user (postgres, 999) on a volume it owns (fsGroup): no root needed, so the chart stays restricted",
  },
  {
    difference: 'ledger-db: env PGDATA: upstream undefined, ours "/var/lib/postgresql/data/pgdata"',
    why: "the Postgres engine keeps its data in a subdirectory of the volume (a fresh volume's root may hold lost+found, which initdb refuses)",
  },
  {
    difference: 'ledger-db: env POSTGRES_PASSWORD: upstream "password", ours "<secret ledger-db-credentials/password>"',
    why: 'no secret value in the manifests: upstream keeps the database passwords in ConfigMaps; here they come from the Secret <db>-credentials (and the URL is composed with $(VAR) after it)',
  },
  {
    difference: 'ledger-db: env SPRING_DATASOURCE_PASSWORD: upstream "password", ours undefined',
    why: "upstream hands the databases their clients' whole ConfigMap (envFrom); here a database gets only what its image reads",
  },
  {
    difference: 'ledger-db: env SPRING_DATASOURCE_URL: upstream "jdbc:postgresql://ledger-db:5432/postgresdb", ours undefined',
    why: "upstream hands the databases their clients' whole ConfigMap (envFrom); here a database gets only what its image reads",
  },
  {
    difference: 'ledger-db: env SPRING_DATASOURCE_USERNAME: upstream "admin", ours undefined',
    why: "upstream hands the databases their clients' whole ConfigMap (envFrom); here a database gets only what its image reads",
  },
  {
    difference:
      'ledger-db: readinessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":3}',
    why: "a Database always has its engine's check (pg_isready), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference:
      'ledger-db: livenessProbe: upstream undefined, ours {"kind":"exec","initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":3,"failureThreshold":9}',
    why: "a Database always has its engine's check (pg_isready), which Compose runs too and which orders the start in both targets; upstream has none",
  },
  {
    difference: 'ledger-db: runAsUser: upstream 0, ours 999',
    why: "a Database runs as its engine's user (postgres, 999) on a volume it owns (fsGroup): no root needed, so the chart stays restricted",
  },
];
