import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GITOPS_RULES } from './cross-layer/validate-gitops';
import { POD_IDENTITY_RULES } from './cross-layer/validate-pod-identity';
import { MESH_RULES } from './cross-layer/validate-mesh';
import { PROMQL_RULES } from './cross-layer/validate-promql';
import { ALERT_ANNOTATION_RULES } from './cross-layer/validate-alert-annotations';
import { SCRAPE_SOURCE_RULES } from './cross-layer/validate-scrape-sources';
import { SCRAPE_NETWORK_POLICY_RULES } from './cross-layer/validate-scrape-network-policy';
import { RETENTION_RULES } from './cross-layer/validate-retention';
import { MIMIR_TENANCY_RULES } from './cross-layer/validate-mimir-tenancy';
import { DATA_RULES } from './cross-layer/validate-backup-targets';
import { RPO_RULES } from './cross-layer/validate-rpo';
import { GOLDEN_PATH_RULES } from './cross-layer/validate-golden-path';
import { CATALOG_RULES } from './catalog/validate-catalog';
import { HELM_RULES } from './helm/validate-helm-values';
import { SCHEMA_RULES } from './kubernetes/schema-findings';
import { OBJECT_RULES } from './kubernetes/validate-objects';
import { POLICIES } from './policy/policies';
import { SECRET_RULES } from './kubernetes/validate-secrets';
import { TERRAFORM_RULES } from './terraform/terraform-rules';
import { TF_STRUCTURE_RULES } from './terraform/validate-terraform';

describe('docs/validation.md', () => {
  const docs = readFileSync(join(__dirname, '../../../docs/validation.md'), 'utf8');
  const ids = [
    ...Object.values(SCHEMA_RULES),
    ...Object.values(OBJECT_RULES),
    ...Object.values(HELM_RULES),
    ...POLICIES.map((p) => p.id),
    'K8S-EXEMPT-001',
    'K8S-EXEMPT-002',
    ...Object.values(TF_STRUCTURE_RULES),
    ...TERRAFORM_RULES.map((r) => r.id),
    ...Object.values(POD_IDENTITY_RULES),
    ...Object.values(GITOPS_RULES),
    // security layer
    ...Object.values(SECRET_RULES),
    // mesh layer
    ...Object.values(MESH_RULES),
    // data layer
    ...Object.values(DATA_RULES),
    // observability layer
    ...Object.values(RETENTION_RULES),
    ...Object.values(PROMQL_RULES),
    ...Object.values(ALERT_ANNOTATION_RULES),
    ...Object.values(MIMIR_TENANCY_RULES),
    ...Object.values(SCRAPE_SOURCE_RULES),
    ...Object.values(SCRAPE_NETWORK_POLICY_RULES),
    // backup and DR
    ...Object.values(RPO_RULES),
    // golden path
    ...Object.values(GOLDEN_PATH_RULES),
    ...Object.values(CATALOG_RULES),
    'DIST-001',
    'DIST-002',
    'DIST-003',
    'DIST-004',
  ];

  it.each(ids)('documents rule %s in its table', (id) => {
    expect(docs).toMatch(new RegExp(`^\\| ${id} \\|`, 'm'));
  });

  it('documents no rule the code does not have', () => {
    const documented = [...docs.matchAll(/^\| ([A-Z0-9]+(?:-[A-Z0-9]+)+) \|/gm)].map((m) => m[1]);
    expect(documented.filter((id) => !ids.includes(id))).toEqual([]);
  });
});
