import { connectionVariable, escapeDollar, secretHelperVariable, secretVariable, toEnvPrefix, urlScheme } from '../../../../lib/shared/naming/variables';

describe('variables', () => {
  test.each([
    ['orders-db', 'ORDERS_DB'],
    ['--a..b--', 'A_B'],
    ['api', 'API'],
  ])('the env prefix of %p is %p', (name, prefix) => {
    expect(toEnvPrefix(name)).toBe(prefix);
  });

  test('a secret variable that would start with a digit starts with _ (Compose interpolates only names starting with a letter or _)', () => {
    expect(secretVariable('orders-db-credentials', 'password')).toBe('ORDERS_DB_CREDENTIALS_PASSWORD');
    expect(secretVariable('1password', 'token')).toBe('_1PASSWORD_TOKEN');
    expect(secretHelperVariable('db', 'pw')).toBe('DB_PW_SECRET');
  });

  test('escapeDollar doubles every $', () => {
    expect(escapeDollar('a$b$$c')).toBe('a$$b$$$$c');
    expect(escapeDollar('plain')).toBe('plain');
  });

  test('connection variables and URL schemes', () => {
    expect(connectionVariable('ORDERS', 'URL')).toBe('ORDERS_URL');
    expect(['http', 'h2c', 'grpc', 'tcp'].map((p) => urlScheme(p as never))).toEqual(['http', 'http', 'grpc', 'tcp']);
  });
});
