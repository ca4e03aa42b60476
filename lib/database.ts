import type { Construct } from 'constructs';
import { brand, BRAND, hasBrand } from './shared/brands';
import type { DatabaseEngine } from './concerns/database/engine.value';
import type { EnvValue } from './concerns/env/env-value.model';
import { connectionEnv } from './concerns/env/connection.props';
import type { DatabaseConnection, DatabaseProps } from './concerns/database/props';
import { databaseModel } from './concerns/database/props';
import { DATABASE_PROPS } from './concerns/database/props';
import type { IConnectable } from './workload';
import { Workload } from './workload';

/**
 * A database: a StatefulSet with a persistent volume claim template, a headless Service
 * and a ClusterIP Service in Kubernetes; a service with a named volume and the engine's
 * health check in Compose.
 */
export class Database extends Workload implements IConnectable {
  /** Returns whether `x` is a Database, also across copies of this package. */
  public static isDatabase(x: unknown): x is Database {
    return hasBrand(x, BRAND.DATABASE);
  }

  /** The engine. */
  public readonly engine: DatabaseEngine;

  /** Connection settings for clients, usable as environment values of other workloads. */
  public readonly connection: DatabaseConnection;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id, props, DATABASE_PROPS, 'database');
    brand(this, BRAND.DATABASE);
    this.engine = props.engine;
    const problems: string[] = [];
    const { model, connection } = databaseModel(this.serviceName, this.node.path, props, this.chart._model.settings.secrets.kind, problems);
    this.connection = connection;
    this.initialize(model, problems);
  }

  /** @internal */
  public _connectionEnv(prefix: string): Record<string, EnvValue> {
    const { host, port, password, url, databaseName, user } = this.connection;
    return connectionEnv(prefix, this.engine._spec.hasDatabases ? { host, port, password, url, databaseName, user } : { host, port, password, url });
  }
}
