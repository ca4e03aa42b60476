import { imageVersion, isMutableImage, splitImage } from '../../../../lib/shared/naming/images';

describe('images', () => {
  test.each([
    ['nginx', { repository: 'nginx', digest: undefined }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27', digest: undefined }],
    ['localhost:5000/api', { repository: 'localhost:5000/api', digest: undefined }],
    ['ghcr.io/acme/api:1.4.2@sha256:abc', { repository: 'ghcr.io/acme/api', tag: '1.4.2', digest: 'sha256:abc' }],
  ])('splits %p', (image, parts) => {
    expect(splitImage(image)).toEqual(parts);
  });

  test.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['nginx:1.27', false],
    ['nginx@sha256:abc', false],
  ])('isMutableImage(%p) is %p', (image, mutable) => {
    expect(isMutableImage(image)).toBe(mutable);
  });

  test('the version label is the tag when it is a label value, else none', () => {
    expect(imageVersion('ghcr.io/acme/api:1.4.2@sha256:abc')).toBe('1.4.2');
    expect(imageVersion('localhost:5000/api')).toBeUndefined();
    expect(imageVersion('api:_beta')).toBeUndefined();
  });
});
