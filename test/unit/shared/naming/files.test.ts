import { composeConfigFilePath, composeFileName, composeSecretFilePath, prerequisitesFileName } from '../../../../lib/shared/naming/files';

describe('file names', () => {
  test('files that are not manifests end in .yml, never .yaml', () => {
    expect(composeFileName('shop')).toBe('shop.compose.yml');
    expect(prerequisitesFileName('shop')).toBe('shop.prerequisites.yml');
  });

  test('a .yaml config file gets an .in suffix on disk; other names are kept', () => {
    expect(composeConfigFilePath('shop', 'api', 'app.yaml')).toBe('shop.config/api/app.yaml.in');
    expect(composeConfigFilePath('shop', 'api', 'nginx.conf')).toBe('shop.config/api/nginx.conf');
  });

  test('a secret file is read from the folder the env file names, by default the development folder', () => {
    expect(composeSecretFilePath('my-shop', 'db', 'password')).toBe('${MY_SHOP_SECRETS_DIR:-./my-shop.secrets}/db/password');
  });
});
