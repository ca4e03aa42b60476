import { renderEnv } from '../../../../lib/concerns/env/kubernetes';
import { EnvValue } from '../../../../lib';

describe('renderEnv', () => {
  test('escapes every $ in plain values: Kubernetes expands $(X) and reduces $$ to $', () => {
    expect(renderEnv(new Map([['A', EnvValue.fromValue('echo $(date) $HOME pa$$word')]]))).toEqual([{ name: 'A', value: 'echo $$(date) $$HOME pa$$$$word' }]);
  });

  test('defines each secret once and places compositions after every variable they refer to', () => {
    const pw = EnvValue.fromSecret('db', 'password');
    const env = new Map([
      ['Z_URL', EnvValue.concat(EnvValue.fromValue('pg://u:'), pw, EnvValue.fromValue('@h/d'))],
      ['A_URL', EnvValue.concat(EnvValue.fromValue('x:'), pw)],
      ['PASSWORD', pw],
    ]);
    expect(renderEnv(env)).toEqual([
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'A_URL', value: 'x:$(PASSWORD)' },
      { name: 'Z_URL', value: 'pg://u:$(PASSWORD)@h/d' },
    ]);
  });
});
