import {
  appOfObject,
  componentOf,
  composeLabels,
  isDatabaseStatefulSet,
  isLabelValue,
  isManagedObject,
  LABEL,
  MANAGED_BY,
  selectorLabels,
} from '../../../../lib/shared/naming/labels';

describe('labels', () => {
  test('pods are selected by the instance and name labels only', () => {
    expect(selectorLabels('shop', 'api')).toEqual({ 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'api' });
  });

  test('a Compose service carries its name and its application', () => {
    expect(composeLabels('shop', 'api')).toEqual({ 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' });
  });

  test.each([
    ['', true],
    ['1.4.2', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-a', false],
    ['a.', false],
    ['a b', false],
  ])('isLabelValue(%p) is %p', (value, valid) => {
    expect(isLabelValue(value)).toBe(valid);
  });

  test('each workload kind has its component label value', () => {
    expect(['web', 'worker', 'scheduled', 'run-once', 'database'].map((k) => componentOf(k as never))).toEqual([
      'web',
      'worker',
      'scheduled-job',
      'job',
      'database',
    ]);
  });

  test("recognizes this library's objects by their managed-by label, and their application by part-of", () => {
    const mine = { kind: 'StatefulSet', metadata: { labels: { [LABEL.MANAGED_BY]: MANAGED_BY, [LABEL.PART_OF]: 'shop', [LABEL.COMPONENT]: 'database' } } };
    const theirs = { kind: 'StatefulSet', metadata: { labels: { [LABEL.PART_OF]: 'shop', [LABEL.COMPONENT]: 'database' } } };
    expect(isManagedObject(mine)).toBe(true);
    expect(isManagedObject(theirs)).toBe(false);
    expect(appOfObject(mine)).toBe('shop');
    expect(appOfObject(theirs)).toBeUndefined();
    expect(isDatabaseStatefulSet(mine)).toBe(true);
    expect(isDatabaseStatefulSet(theirs)).toBe(false);
  });
});
