/**
 * Small, valid building blocks for tests: each returns a fresh object that passes every check, so a
 * test breaks exactly one thing.
 */

export const GITOPS_REPO = 'https://git.example.test/platform/gitops.git';

export function deployment(overrides: { image?: string; container?: Record<string, unknown>; pod?: Record<string, unknown>; annotations?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'apps',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'platform' },
      ...(overrides.annotations ? { annotations: overrides.annotations } : {}),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: overrides.image ?? 'public.ecr.aws/nginx/nginx:1.27.3',
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              ...overrides.container,
            },
          ],
          ...overrides.pod,
        },
      },
    },
  };
}

export function namespace(name: string, enforce: string | null = 'restricted'): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: enforce ? { 'pod-security.kubernetes.io/enforce': enforce } : {} } };
}

export function appProject(): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'platform', namespace: 'argocd' },
    spec: {
      sourceRepos: [GITOPS_REPO, 'https://argoproj.github.io/argo-helm'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

export function rootApplication(env: string): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `${env}-root`, namespace: 'argocd' },
    spec: {
      project: 'platform',
      source: { repoURL: GITOPS_REPO, targetRevision: 'main', path: `clusters/${env}/kubernetes/apps` },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
    },
  };
}

export function argoCdApplication(valuesObject: Record<string, unknown>, targetRevision = '10.1.1'): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'argocd', namespace: 'argocd' },
    spec: {
      project: 'platform',
      source: { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', targetRevision, helm: { releaseName: 'argocd', valuesObject } },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
    },
  };
}

export function pathApplication(env: string, name: string, path: string): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'platform',
      source: { repoURL: GITOPS_REPO, targetRevision: 'main', path: `clusters/${env}/${path}` },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
    },
  };
}

export function nodePool(): Record<string, unknown> {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'general' },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] }],
        },
      },
      limits: { cpu: '100', memory: '400Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
    },
  };
}

/** A Terraform stack that passes every rule: pinned provider, S3 backend, tags, one KMS-encrypted private bucket. */
export function terraformStack(stack: string): Record<string, unknown> {
  return {
    terraform: {
      required_providers: { aws: { source: 'hashicorp/aws', version: '6.66.0' } },
      backend: { s3: { bucket: 'state', key: `dev/${stack}.tfstate`, region: 'eu-west-1', encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/acme-dev/tfstate', use_lockfile: true } },
    },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Environment: 'dev', Owner: 'team@example.test', CostCenter: 'CC-1', ManagedBy: 'cdktn', Organization: 'acme' } }] }] },
    data: { aws_availability_zones: { azs: { state: 'available' } } },
    resource: {
      aws_kms_key: { key: { enable_key_rotation: true } },
      aws_s3_bucket: { logs: { bucket: 'example-logs' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        logs_sse: { bucket: '${aws_s3_bucket.logs.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' } }] },
      },
      aws_s3_bucket_public_access_block: {
        logs_pab: { bucket: '${aws_s3_bucket.logs.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      },
      aws_subnet: { a: { vpc_id: 'vpc-1', cidr_block: '10.0.0.0/24', availability_zone: '${element(data.aws_availability_zones.azs.names, 0)}' } },
    },
  };
}

/** A compliant Tekton step (the shape the tekton-builds Tasks render): pinned ECR Public image, restricted securityContext. */
export function tektonStep(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'clone',
    image: 'public.ecr.aws/docker/library/alpine:3.21.0',
    env: [{ name: 'HOME', value: '/tekton/home' }],
    script: '#!/bin/sh\nset -eu\ngit fetch -q --depth 1 origin "$(params.revision)"\n',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    ...overrides,
  };
}

/** Requests and a memory limit, as a Tekton `computeResources`. */
export const TEKTON_COMPUTE_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } };

/** A tekton.dev/v1 Task with the real output's shape (params, results, steps, workspaces); resources via stepTemplate. */
export function tektonTask(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'git-clone', namespace: 'tekton-builds' },
    spec: {
      description: 'Shallow clone of one revision into the source workspace.',
      params: [{ name: 'revision', type: 'string', description: 'commit SHA' }],
      results: [{ name: 'commit', description: 'the checked-out commit' }],
      stepTemplate: { computeResources: TEKTON_COMPUTE_RESOURCES },
      steps: [tektonStep()],
      workspaces: [{ name: 'source' }],
      ...spec,
    },
  };
}

/** A tekton.dev/v1 Pipeline with one referenced and one inline task. */
export function tektonPipeline(inlineSteps: readonly Record<string, unknown>[] = [tektonStep({ computeResources: TEKTON_COMPUTE_RESOURCES })]): Record<string, unknown> {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'build-service-image', namespace: 'tekton-builds' },
    spec: {
      params: [{ name: 'git-revision', type: 'string' }],
      tasks: [
        { name: 'git-clone', taskRef: { kind: 'Task', name: 'git-clone' }, params: [{ name: 'revision', value: '$(params.git-revision)' }] },
        { name: 'notify', runAfter: ['git-clone'], taskSpec: { steps: inlineSteps } },
      ],
    },
  };
}

/** A triggers.tekton.dev EventListener as rendered today (no pod overrides), optionally with a pod spec override. */
export function eventListener(podSpec?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'EventListener',
    metadata: { name: 'github', namespace: 'tekton-builds' },
    spec: {
      serviceAccountName: 'tekton-triggers',
      resources: { kubernetesResource: { replicas: 1, serviceType: 'ClusterIP', servicePort: 8080, ...(podSpec ? { spec: { template: { spec: podSpec } } } : {}) } },
      triggers: [{ name: 'github-push', bindings: [{ ref: 'github-push' }], template: { ref: 'build-service-image' } }],
    },
  };
}

/** A TriggerTemplate whose PipelineRun carries an inline pipelineSpec and a pod template. */
export function triggerTemplate(steps: readonly Record<string, unknown>[], podTemplate: Record<string, unknown> = { securityContext: { fsGroup: 1000 } }): Record<string, unknown> {
  return {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'TriggerTemplate',
    metadata: { name: 'build-service-image', namespace: 'tekton-builds' },
    spec: {
      params: [{ name: 'service' }],
      resourcetemplates: [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          metadata: { generateName: 'build-$(tt.params.service)-' },
          spec: {
            pipelineSpec: { tasks: [{ name: 'build', taskSpec: { steps } }] },
            taskRunTemplate: { serviceAccountName: 'image-builder', podTemplate },
          },
        },
      ],
    },
  };
}
