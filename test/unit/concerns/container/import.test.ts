import { mebibytes } from '../../../../lib/concerns/container/import';

describe('mebibytes', () => {
  test('Compose sizes in mebibytes, rounded up', () => {
    expect(mebibytes('512m', 'm')).toBe(512);
    expect(mebibytes('2gb', 'm')).toBe(2048);
    expect(mebibytes(1048577, 'm')).toBe(2);
  });
});
