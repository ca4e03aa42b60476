// The argument shapes of every public value factory, by name: each class declares its own
// next to its shape (in its concern's props); this record is typed by `FactoryName`, so a
// factory added to the library without its argument shapes does not compile.
import { QUANTITY_ARGUMENTS } from '../concerns/container/props';
import { DATABASE_CREDENTIALS_ARGUMENTS, DATABASE_ENGINE_ARGUMENTS } from '../concerns/database/props';
import { ENV_VALUE_ARGUMENTS } from '../concerns/env/props';
import { HEALTH_CHECK_ARGUMENTS, IN_IMAGE_CLIENT_ARGUMENTS } from '../concerns/health/props';
import { INGRESS_PEER_ARGUMENTS } from '../concerns/network/props';
import { POD_COUNT_ARGUMENTS } from '../concerns/scaling/props';
import { SECRETS_BACKEND_ARGUMENTS } from '../concerns/secrets/props';
import { GRANT_ARGUMENTS } from '../concerns/security/rbac.props';
import type { FactoryName } from '../shared/brands';
import type { FactoryArguments } from '../shared/shape';

export const FACTORY_ARGUMENTS: FactoryArguments<FactoryName> = {
  ...QUANTITY_ARGUMENTS,
  ...POD_COUNT_ARGUMENTS,
  ...ENV_VALUE_ARGUMENTS,
  ...IN_IMAGE_CLIENT_ARGUMENTS,
  ...HEALTH_CHECK_ARGUMENTS,
  ...DATABASE_ENGINE_ARGUMENTS,
  ...DATABASE_CREDENTIALS_ARGUMENTS,
  ...GRANT_ARGUMENTS,
  ...SECRETS_BACKEND_ARGUMENTS,
  ...INGRESS_PEER_ARGUMENTS,
};
