import { KubeConfigMap, KubeJob, KubeServiceAccount, Quantity } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { OPENBAO_ENDPOINT, OPENBAO_NAMESPACE, OPENBAO_TOKEN_AUDIENCE } from './openbao-endpoint';
import { OPENBAO_IMAGE_REF, RESTRICTED_CONTAINER } from './openbao-images';
import type { OpenBaoPolicy, OpenBaoRole } from './openbao-policies';
import { RECONCILER_CONFIG_DIR, RECONCILER_SERVICE_ACCOUNT, RECONCILER_TOKEN_PATH, reconcilerScript } from './openbao-reconciler-script';
import { serviceUrl } from '@platform/k8s-core';

export interface OpenBaoReconcilerJobProps {
  /** Secret in `openbao` holding the server certificate (its `ca.crt` verifies OpenBao). */
  readonly tlsSecretName: string;
  /** Declared policies and roles, evaluated at synth time (consumers register until then). */
  readonly declaration: () => { readonly policies: readonly OpenBaoPolicy[]; readonly roles: readonly OpenBaoRole[] };
}

const LABELS = { 'app.kubernetes.io/name': 'openbao-reconciler', 'app.kubernetes.io/part-of': 'openbao', 'app.kubernetes.io/component': 'reconciler' };

/**
 * OpenBao's configuration after the bootstrap, as an ArgoCD PostSync hook: a ConfigMap with the
 * generated script and one `<policy>.hcl` per managed policy, and a Job (`bao` CLI, pinned image) that
 * logs in as `platform-reconciler` through Kubernetes auth with a projected token (audience `openbao`,
 * 10 minutes) and converges `managed-*` policies and roles. It runs after every sync of the `openbao`
 * Application, i.e. whenever a consumer is added, changed or removed; nothing is applied by hand.
 * The previous Job is replaced at the next sync (`BeforeHookCreation`), so its logs stay readable.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/
 */
export class OpenBaoReconcilerJob extends Construct {
  constructor(scope: Construct, id: string, props: OpenBaoReconcilerJobProps) {
    super(scope, id);
    const namespace = OPENBAO_NAMESPACE;
    const name = 'openbao-reconciler';
    new KubeServiceAccount(this, 'service-account', { metadata: { name: RECONCILER_SERVICE_ACCOUNT, namespace, labels: LABELS }, automountServiceAccountToken: false });
    const declaration = props.declaration;
    new (class extends KubeConfigMap {
      // the declaration grows until synth (consumers register after the add-on exists)
      public override toJson(): Record<string, unknown> {
        const { policies, roles } = declaration();
        const data: Record<string, string> = { 'reconcile.sh': reconcilerScript(policies, roles) };
        for (const p of [...policies].sort((a, b) => a.name.localeCompare(b.name))) data[`${p.name}.hcl`] = p.hcl;
        return { ...super.toJson(), data };
      }
    })(this, 'config', { metadata: { name, namespace, labels: LABELS } });
    new KubeJob(this, 'job', {
      metadata: {
        name,
        namespace,
        labels: LABELS,
        annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
      },
      spec: {
        // OpenBao may still be electing a leader right after the sync
        backoffLimit: 10,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels: LABELS },
          spec: {
            serviceAccountName: RECONCILER_SERVICE_ACCOUNT,
            automountServiceAccountToken: false,
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, runAsUser: 100, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'reconcile',
                image: OPENBAO_IMAGE_REF,
                command: ['/bin/sh', `${RECONCILER_CONFIG_DIR}/reconcile.sh`],
                env: [
                  { name: 'BAO_ADDR', value: serviceUrl(OPENBAO_ENDPOINT) },
                  { name: 'BAO_CACERT', value: '/tls/ca.crt' },
                  { name: 'HOME', value: '/tmp' },
                ],
                resources: { requests: { cpu: Quantity.fromString('20m'), memory: Quantity.fromString('32Mi') }, limits: { memory: Quantity.fromString('64Mi') } },
                securityContext: RESTRICTED_CONTAINER,
                volumeMounts: [
                  { name: 'config', mountPath: RECONCILER_CONFIG_DIR, readOnly: true },
                  { name: 'token', mountPath: RECONCILER_TOKEN_PATH.slice(0, RECONCILER_TOKEN_PATH.lastIndexOf('/')), readOnly: true },
                  { name: 'ca', mountPath: '/tls', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name } },
              { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: OPENBAO_TOKEN_AUDIENCE, expirationSeconds: 600, path: 'token' } }] } },
              { name: 'ca', secret: { secretName: props.tlsSecretName, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { name: 'tmp', emptyDir: { sizeLimit: Quantity.fromString('16Mi') } },
            ],
          },
        },
      },
    });
  }
}
