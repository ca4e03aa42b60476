import { DatabaseEngine } from '../../../lib';
import { buildWebModel, buildWorkerModel, ModelShape, rebuildModel, WebModel, WorkloadModel } from '../../../lib/model/workload';
import { normalizeCommon } from '../../../lib/props/common';
import { databaseModel } from '../../../lib/concerns/database/props';
import { webServiceModel } from '../../../lib/props/web-service';
import { workerModel } from '../../../lib/props/worker';

// The model builders of lib/model/workload.ts, at run time (one object shape for every kind)
// and at compile time: the `@ts-expect-error` lines below are checked by `tsc --noEmit -p .`
// (run by `npm test`); each fails the type check the day the error it expects disappears.

const IMAGE = 'ghcr.io/acme/api:1.0.0';

function noProblems<T>(build: (problems: string[]) => T): T {
  const problems: string[] = [];
  const built = build(problems);
  expect(problems).toEqual([]);
  return built;
}

/** One model of each kind, built by the props layer as the constructs build them. */
function oneOfEachKind(): WorkloadModel[] {
  return noProblems((problems) => [
    webServiceModel('web', 'app/web', { image: IMAGE, metrics: { port: 8080 } }, problems),
    workerModel('worker', 'app/worker', { image: IMAGE }, problems),
    workerModel('nightly', 'app/nightly', { image: IMAGE, schedule: '0 3 * * *' }, problems),
    workerModel('migrate', 'app/migrate', { image: IMAGE, runOnce: true }, problems),
    databaseModel('db', 'app/db', { engine: DatabaseEngine.postgres('16') }, 'existing', problems).model,
  ]);
}

describe('workload models', () => {
  test('every kind has the same keys in the same order (one object shape for the renderers)', () => {
    // GIVEN / WHEN
    const models = oneOfEachKind();
    // THEN
    expect(models.map((m) => m.kind)).toEqual(['web', 'worker', 'scheduled', 'run-once', 'database']);
    const keys = Object.keys(models[0]);
    expect(keys).toHaveLength(35);
    for (const m of models) {
      expect(Object.keys(m)).toEqual(keys);
    }
  });

  test("a kind's own fields are copied, the other kinds' are undefined", () => {
    // GIVEN
    const [web, , scheduled] = oneOfEachKind();
    // THEN
    expect(web.kind === 'web' && web.metrics).toMatchObject({ path: '/metrics', port: { name: 'http' } });
    expect(scheduled.kind === 'scheduled' && scheduled.schedule).toBe('0 3 * * *');
    expect('schedule' in web).toBe(true);
    expect(Object.getOwnPropertyDescriptor(web, 'schedule')?.value).toBeUndefined();
  });

  test('rebuildModel keeps the kind and its fields, with the changes applied', () => {
    // GIVEN
    const [web] = oneOfEachKind();
    // WHEN
    const rebuilt = rebuildModel(web, web, { replicas: 5, warnings: ['w'] });
    // THEN
    expect(Object.keys(rebuilt)).toEqual(Object.keys(web));
    expect(rebuilt).toEqual({ ...web, replicas: 5, warnings: ['w'] });
  });

  test('a field a kind declares and its builder is not given is a compile error, not undefined at render', () => {
    // GIVEN the shared fields of a workload
    const common = noProblems((problems) => normalizeCommon('api', { image: IMAGE }, problems));
    const own = { name: 'api', path: 'app/api', ports: [], replicas: 1, warnings: [] };

    // THEN the compiler refuses a web model without its availability...
    // @ts-expect-error Property 'availability' is missing (WebModel declares it)
    const web = buildWebModel(common, { ...own, kind: 'web', serviceType: 'ClusterIP' });
    // ...which, forced through, would reach the renderers as undefined.
    expect(web.availability).toBeUndefined();

    // ...a field no kind has (a misspelled one)...
    // @ts-expect-error Object literal may only specify known properties ('helth')
    buildWorkerModel(common, { ...own, kind: 'worker', availability: web.availability, helth: undefined });

    // ...and a model missing the keys of the other kinds where the complete shape is asked for:
    // ModelShape<M> lists every key of every kind, so the builder that writes it lists them all.
    // @ts-expect-error a WebModel lacks `schedule`, `volumes`... which the one shape holds
    const shape: ModelShape<WebModel> = web;
    expect(shape).toBe(web);
  });
});
