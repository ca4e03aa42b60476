import { normalizeVolume } from '../../../../lib/concerns/storage/import';

describe('normalizeVolume', () => {
  test('volumes: short bind, named, anonymous, long syntax', () => {
    expect(normalizeVolume('./src:/app:ro', 'v')).toMatchObject({ type: 'bind', source: './src', target: '/app', readOnly: true });
    expect(normalizeVolume('data:/data', 'v')).toMatchObject({ type: 'volume', source: 'data', target: '/data', readOnly: false });
    expect(normalizeVolume('/cache', 'v')).toMatchObject({ type: 'volume', target: '/cache' });
    expect(normalizeVolume({ type: 'tmpfs', target: '/run' }, 'v')).toMatchObject({ type: 'tmpfs', target: '/run' });
  });
});
