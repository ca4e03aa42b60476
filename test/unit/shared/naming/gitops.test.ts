import { FLUX_SOURCE_KINDS, fluxLayerFolder, fluxLayerName, FOUNDATION_WAVE, MONITORS_LAYER, NAMESPACE_WAVE } from '../../../../lib/shared/naming/gitops';

describe('gitops names', () => {
  test('Flux layers are named after the namespace and the wave', () => {
    expect(fluxLayerName('shop-prod', NAMESPACE_WAVE)).toBe('shop-prod-namespace');
    expect(fluxLayerName('shop-prod', FOUNDATION_WAVE)).toBe('shop-prod-foundation');
    expect(fluxLayerName('shop-prod', 2)).toBe('shop-prod-wave-2');
    expect(fluxLayerFolder('shop', 0)).toBe('flux/shop/wave-0');
    // The monitors' layer, after every wave.
    expect(fluxLayerName('shop-prod', MONITORS_LAYER)).toBe('shop-prod-monitors');
    expect(fluxLayerFolder('shop', MONITORS_LAYER)).toBe('flux/shop/monitors');
  });

  test('the Flux source kinds', () => {
    expect(FLUX_SOURCE_KINDS).toEqual(['GitRepository', 'OCIRepository', 'Bucket']);
  });
});
