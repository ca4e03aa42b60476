import { isTcpPort } from '../../../../lib/concerns/ports/import';

describe('isTcpPort', () => {
  test('message brokers and caches are TCP ports, web ports are not', () => {
    expect([5672, 11211, 6379].map(isTcpPort)).toEqual([true, true, true]);
    expect([80, 3000, 8080, 9000].map(isTcpPort)).toEqual([false, false, false, false]);
  });
});
