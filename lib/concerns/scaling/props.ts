// The props of scaling and availability that are values of their own. Shapes: what a caller
// may pass, checked before any rule reads a value.
import { BRAND } from '../../shared/brands';
import { arg, made, num } from '../../shared/shape';
import type { FactoryArguments } from '../../shared/shape';

/** The argument shapes of the PodCount factories. */
export const POD_COUNT_ARGUMENTS: FactoryArguments<'PodCount.of' | 'PodCount.percent'> = {
  'PodCount.of': [arg(num)],
  'PodCount.percent': [arg(num)],
};
export const POD_COUNT = made('PodCount', BRAND.POD_COUNT, 'PodCount.of(1), PodCount.percent(25)', POD_COUNT_ARGUMENTS);
