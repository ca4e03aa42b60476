import * as yaml from 'js-yaml';

/**
 * Serializes a document to YAML deterministically: sorted keys, no line folding, no
 * anchors. js-yaml quotes strings that a YAML 1.1 reader would take for booleans,
 * numbers or octals (`'yes'`, `'on'`, `'0755'`), so Compose and kubectl read the same
 * values we wrote.
 */
export function dumpYaml(doc: unknown): string {
  return yaml.dump(doc, { sortKeys: true, lineWidth: -1, noRefs: true });
}

/** Several documents separated by `---`, as in a Kubernetes manifest file. */
export function dumpYamlDocuments(docs: unknown[]): string {
  return docs.map(dumpYaml).join('---\n');
}
