import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { find, synthApp, synthChart } from '../../support/synth';
import { AppChart, Database, DatabaseEngine, Memory } from '../../../lib';
import { Cdk8sComposeValidation, Check, checkStatefulSetUpdates, readPreviousOutput, validateOutput } from '../../../lib/validation';

/** The objects of a chart with one postgres Database `db` in namespace `shop`. */
function objectsWith(props: Partial<ConstructorParameters<typeof Database>[2]> = {}): any[] {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop', { namespace: 'shop' });
    new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), ...props });
    return chart;
  }).objects;
}

/** A copy of the objects with the StatefulSet `db` changed by `change`. */
function changed(objects: any[], change: (sts: any) => void): any[] {
  const copy = JSON.parse(JSON.stringify(objects));
  change(find(copy, 'StatefulSet', 'db'));
  return copy;
}

const FORBIDDEN = /Kubernetes forbids updates to a StatefulSet's spec other than replicas, .* so the apply \(kubectl, Argo CD, Flux\) fails/;

describe('checkStatefulSetUpdates', () => {
  test('finds nothing when the StatefulSet is unchanged, or only its replicas and template change', () => {
    // GIVEN
    const before = objectsWith();
    const after = changed(before, (sts) => {
      sts.spec.replicas = 3;
      sts.spec.template.metadata.labels['app.kubernetes.io/version'] = '17';
    });
    // THEN
    expect(checkStatefulSetUpdates(before, before)).toEqual([]);
    expect(checkStatefulSetUpdates(before, after)).toEqual([]);
  });

  test('claim templates that gain apiVersion and kind (an upgrade from output without them) are not a change', () => {
    // GIVEN the output of an earlier version, whose templates had no apiVersion and kind
    const after = objectsWith();
    expect(find(after, 'StatefulSet', 'db').spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
    const before = changed(after, (sts) =>
      sts.spec.volumeClaimTemplates.forEach((t: any) => {
        delete t.apiVersion;
        delete t.kind;
      }),
    );
    // THEN the API server drops both before it validates the update (kubernetes
    // pkg/apis/apps/v1/conversion.go), and so does the check
    expect(checkStatefulSetUpdates(before, after)).toEqual([]);
    expect(checkStatefulSetUpdates(after, before)).toEqual([]);
  });

  test('a grown storage request: the finding says old -> new, why, and how to grow the volume', () => {
    // WHEN
    const findings = checkStatefulSetUpdates(objectsWith(), objectsWith({ storage: Memory.gibibytes(5) }));
    // THEN
    expect(findings).toEqual([
      {
        check: Check.STATEFULSET_UPDATES,
        object: 'StatefulSet/db',
        path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
        message: expect.stringMatching(FORBIDDEN),
      },
    ]);
    expect(findings[0].message).toMatch(/^storage of claim template 'data' changes from 1Gi to 5Gi; /);
    expect(findings[0].message).toContain(`kubectl -n shop patch pvc data-db-<ordinal> -p '{"spec":{"resources":{"requests":{"storage":"5Gi"}}}}'`);
    expect(findings[0].message).toContain('allowVolumeExpansion');
    expect(findings[0].message).toContain('`kubectl -n shop delete sts db --cascade=orphan`');
  });

  test('a shrunk storage request: claims cannot shrink', () => {
    // WHEN
    const findings = checkStatefulSetUpdates(objectsWith({ storage: Memory.gibibytes(5) }), objectsWith({ storage: Memory.mebibytes(512) }));
    // THEN
    expect(findings.map((f) => f.path)).toEqual(['spec.volumeClaimTemplates[0].spec.resources.requests.storage']);
    expect(findings[0].message).toMatch(
      /^storage of claim template 'data' shrinks from 5Gi to 512Mi; a PersistentVolumeClaim cannot shrink, and Kubernetes forbids/,
    );
    expect(findings[0].message).toMatch(/Keep 5Gi, or move the data to a new volume/);
  });

  test('a storage class change: migrate the data', () => {
    // WHEN
    const findings = checkStatefulSetUpdates(objectsWith(), objectsWith({ storageClassName: 'fast-ssd' }));
    // THEN
    expect(findings.map((f) => f.path)).toEqual(['spec.volumeClaimTemplates[0].spec.storageClassName']);
    expect(findings[0].message).toMatch(
      /^storageClassName of claim template 'data' changes from the cluster's default to 'fast-ssd'; an existing claim never changes class/,
    );
    expect(findings[0].message).toMatch(FORBIDDEN);
    expect(findings[0].message).toMatch(/move the data to a new volume/);
  });

  test('a change of accessModes', () => {
    // GIVEN
    const before = objectsWith();
    const after = changed(before, (sts) => (sts.spec.volumeClaimTemplates[0].spec.accessModes = ['ReadWriteOncePod']));
    // THEN
    expect(checkStatefulSetUpdates(before, after)).toEqual([
      expect.objectContaining({
        path: 'spec.volumeClaimTemplates[0].spec.accessModes',
        message: expect.stringMatching(/^accessModes of claim template 'data' change from \["ReadWriteOnce"\] to \["ReadWriteOncePod"\]; Kubernetes forbids/),
      }),
    ]);
  });

  test('a changed serviceName, selector and podManagementPolicy, one finding each', () => {
    // GIVEN
    const before = objectsWith();
    const after = changed(before, (sts) => {
      sts.spec.serviceName = 'db-peers';
      sts.spec.selector = { matchLabels: { app: 'db' } };
      sts.spec.podManagementPolicy = 'Parallel';
    });
    // WHEN
    const findings = checkStatefulSetUpdates(before, after);
    // THEN
    expect(findings.map((f) => f.path)).toEqual(['spec.serviceName', 'spec.selector', 'spec.podManagementPolicy']);
    expect(findings[0].message).toMatch(/^serviceName changes from db-headless to db-peers; Kubernetes forbids/);
    expect(findings[0].message).toContain('`kubectl -n shop delete sts db --cascade=orphan`');
    expect(findings[1].message).toMatch(/^selector changes from \{"matchLabels":\{.*\}\} to \{"matchLabels":\{"app":"db"\}\}/);
    expect(findings[2].message).toMatch(/^podManagementPolicy changes from OrderedReady to Parallel/);
  });

  test('the default podManagementPolicy written out is no change', () => {
    // GIVEN
    const before = objectsWith();
    const after = changed(before, (sts) => (sts.spec.podManagementPolicy = 'OrderedReady'));
    // THEN
    expect(checkStatefulSetUpdates(before, after)).toEqual([]);
  });

  test('a claim template added or removed', () => {
    // GIVEN
    const before = objectsWith();
    const added = changed(before, (sts) =>
      sts.spec.volumeClaimTemplates.push({ metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
    );
    // THEN
    expect(checkStatefulSetUpdates(before, added).map((f) => [f.path, f.message.split(';')[0]])).toEqual([
      ['spec.volumeClaimTemplates[1]', "claim template 'wal' is added"],
    ]);
    expect(checkStatefulSetUpdates(added, before).map((f) => [f.path, f.message.split(';')[0]])).toEqual([
      ['spec.volumeClaimTemplates', "claim template 'wal' is removed"],
    ]);
  });

  test('a new, a removed, or a StatefulSet in another namespace is no finding', () => {
    // GIVEN
    const before = objectsWith();
    const elsewhere = changed(objectsWith({ storage: Memory.gibibytes(5) }), (sts) => (sts.metadata.namespace = 'other'));
    // THEN
    expect(checkStatefulSetUpdates([], before)).toEqual([]);
    expect(checkStatefulSetUpdates(before, [])).toEqual([]);
    expect(checkStatefulSetUpdates(before, elsewhere)).toEqual([]);
  });
});

describe('validateOutput with previousOutput', () => {
  test('reads the previous manifests from a folder and finds the grown volume', async () => {
    // GIVEN the committed output with 1Gi, a new synthesis with 5Gi
    const build = (storage: Memory) =>
      synthApp((app) => {
        const chart = new AppChart(app, 'shop', { namespace: 'shop' });
        new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), storage });
      });
    const previous = build(Memory.gibibytes(1));
    const next = build(Memory.gibibytes(5));
    // WHEN
    const result = await validateOutput({ objects: next.objects }, { checks: [Check.STATEFULSET_UPDATES], previousOutput: previous.outdir });
    // THEN
    expect(readPreviousOutput(previous.outdir)).toEqual(previous.objects);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => `${f.object} ${f.path}`)).toEqual(['StatefulSet/db spec.volumeClaimTemplates[0].spec.resources.requests.storage']);
  });

  test('without previousOutput the check does not run, and is not reported skipped', async () => {
    // WHEN
    const result = await validateOutput({ objects: objectsWith({ storage: Memory.gibibytes(5) }) }, { checks: [Check.STATEFULSET_UPDATES] });
    // THEN
    expect(result).toEqual({ findings: [], skipped: [] });
  });

  test('a previous output folder that does not exist is a skipped check', async () => {
    // GIVEN
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-test-')), 'dist');
    // WHEN
    const result = await validateOutput({ objects: objectsWith() }, { checks: [Check.STATEFULSET_UPDATES], previousOutput: missing });
    // THEN
    expect(result).toEqual({ findings: [], skipped: [`statefulset-updates: the previous output folder ${missing} does not exist`] });
  });
});

describe('cdk8s validation plugin with previousOutput', () => {
  test('reports the grown volume as a violation, and runs the check by default', async () => {
    // GIVEN
    const build = (storage: Memory) =>
      synthApp((app) => {
        const chart = new AppChart(app, 'shop', { namespace: 'shop' });
        new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), storage });
      });
    const previous = build(Memory.gibibytes(1));
    const next = build(Memory.gibibytes(5));
    const violations: any[] = [];
    let status = '';
    const plugin = new Cdk8sComposeValidation({ checks: [Check.STATEFULSET_UPDATES], previousOutput: previous.outdir });
    // WHEN
    await plugin.validate({
      manifests: Object.keys(next.kubernetes).map((name) => path.join(next.outdir, name)),
      report: { addViolation: (v) => violations.push(v), submit: (s) => (status = s) },
    });
    // THEN
    expect(status).toBe('failure');
    expect(violations).toEqual([
      {
        ruleName: 'statefulset-updates',
        recommendation: expect.stringMatching(/^storage of claim template 'data' changes from 1Gi to 5Gi/),
        fix: '',
        violatingResources: [
          {
            resourceName: 'db',
            locations: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage'],
            manifestPath: path.join(next.outdir, 'shop.k8s.yaml'),
          },
        ],
      },
    ]);
    const defaultChecks = async (props: ConstructorParameters<typeof Cdk8sComposeValidation>[0]) => {
      let checks = '';
      await new Cdk8sComposeValidation(props).validate({
        manifests: [],
        report: { addViolation: () => undefined, submit: (_s, m) => (checks = m?.checks ?? '') },
      });
      return checks.split(',');
    };
    expect(await defaultChecks({ previousOutput: previous.outdir })).toContain(Check.STATEFULSET_UPDATES);
    expect(await defaultChecks({})).not.toContain(Check.STATEFULSET_UPDATES);
  });
});
