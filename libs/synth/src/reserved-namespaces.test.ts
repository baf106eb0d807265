import * as path from 'node:path';
import { type EnvironmentConfig, reservedNamespaces } from '@platform/config';
import { synthClusterAddons } from '@platform/cluster-addons';
import { parseAllDocuments } from 'yaml';
import { loadAllEnvironments } from './environment-loader';

interface K8sObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly destination?: { readonly namespace?: string } };
}

/** Every namespace the platform renders for `env`: Namespace objects, object namespaces, Application destinations. */
function renderedNamespaces(env: EnvironmentConfig): Set<string> {
  const found = new Set<string>();
  for (const file of synthClusterAddons(env).files) {
    if (!file.path.endsWith('.yaml')) continue;
    for (const doc of parseAllDocuments(file.content)) {
      const o = doc.toJS() as K8sObject | null;
      if (!o || typeof o !== 'object') continue;
      if (o.kind === 'Namespace' && o.metadata?.name) found.add(o.metadata.name);
      if (o.metadata?.namespace) found.add(o.metadata.namespace);
      if (o.kind === 'Application' && o.spec?.destination?.namespace) found.add(o.spec.destination.namespace);
    }
  }
  for (const tenant of env.tenants) found.delete(tenant.namespace);
  return found;
}

describe('reserved tenant namespaces cover every namespace the platform renders', () => {
  const envs = loadAllEnvironments(path.resolve(__dirname, '../../../environments'));

  it.each(envs.map((e) => [e.name, e] as const))('%s: every rendered platform namespace is reserved', (_name, env) => {
    const reserved = new Set(reservedNamespaces());
    const missing = [...renderedNamespaces(env)].filter((ns) => !reserved.has(ns)).sort();
    if (missing.length > 0) {
      throw new Error(`platform namespaces missing from the reserved list: ${missing.join(', ')}. Fix: add them to PLATFORM_NAMESPACES in libs/config/src/reserved-namespaces.ts (below your layer's comment)`);
    }
  });

  it('includes the Kubernetes system namespaces and argocd', () => {
    expect(reservedNamespaces()).toEqual(expect.arrayContaining(['argocd', 'default', 'kube-node-lease', 'kube-public', 'kube-system']));
  });
});
