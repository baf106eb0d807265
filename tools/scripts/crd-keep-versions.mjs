#!/usr/bin/env node
// Used by import-crds.sh: keeps only the listed API versions in every CustomResourceDefinition of
// a multi-document YAML file (in place), so `cdk8s import` generates bindings only for the versions
// the code renders. Fails, naming the CRD, when a CRD would keep no version.
// usage: node tools/scripts/crd-keep-versions.mjs <bundle.yaml> <version>...
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';

const [file, ...keep] = process.argv.slice(2);
if (!file || keep.length === 0) {
  console.error('usage: crd-keep-versions.mjs <bundle.yaml> <version>...');
  process.exit(2);
}
const out = [];
for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
  const crd = doc.toJS();
  if (crd === null || crd === undefined) continue;
  if (crd.kind === 'CustomResourceDefinition') {
    const versions = crd.spec.versions.filter((v) => keep.includes(v.name));
    if (versions.length === 0) {
      console.error(`error: ${crd.metadata.name} has none of the versions ${keep.join(', ')} (it has ${crd.spec.versions.map((v) => v.name).join(', ')})`);
      process.exit(1);
    }
    crd.spec.versions = versions;
  }
  out.push(stringify(crd));
}
writeFileSync(file, out.join('---\n'));
