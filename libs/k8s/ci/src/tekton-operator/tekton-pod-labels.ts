/**
 * Pod labels the Tekton components put on their pods, used by NetworkPolicies to scope flows to
 * the pods that need them.
 */

/** Pods of the EventListener `github` (Triggers labels every EventListener pod `eventlistener: <name>`). */
export const EVENT_LISTENER_POD_LABELS = { eventlistener: 'github' } as const;

/**
 * Pods of the Triggers core interceptors (Deployment `tekton-triggers-core-interceptors` in
 * `tekton-pipelines`, HTTPS on 8443), called by every EventListener.
 * @see https://github.com/tektoncd/triggers/blob/main/config/interceptors/core-interceptors-deployment.yaml
 */
export const CORE_INTERCEPTORS_POD_LABELS = { 'app.kubernetes.io/name': 'core-interceptors' } as const;

/** Port of the core interceptors' HTTPS server (Service `tekton-triggers-core-interceptors`). */
export const CORE_INTERCEPTORS_PORT = 8443;

/** Pods of the Pipelines and Triggers admission webhooks in `tekton-pipelines`. */
export const TEKTON_WEBHOOK_POD_LABELS = { 'app.kubernetes.io/component': 'webhook' } as const;

/**
 * Pods of the operator's proxy webhook (Deployment `tekton-operator-proxy-webhook` in the target
 * namespace, HTTPS on 8443), called by the API server for the MutatingWebhookConfiguration
 * `proxy.operator.tekton.dev` (`failurePolicy: Fail`) on every TaskRun pod created in a namespace
 * without the `operator.tekton.dev/disable-proxy` label.
 * @see https://github.com/tektoncd/operator/blob/v0.81.1/cmd/kubernetes/operator/kodata/webhook/webhook.yaml
 */
export const PROXY_WEBHOOK_POD_LABELS = { app: 'tekton-operator', name: 'tekton-operator' } as const;

/**
 * Namespace label that takes a namespace out of the proxy webhook's `namespaceSelector`
 * (`DoesNotExist`): its TaskRun pods are created without calling the webhook, so builds do not
 * depend on it. The build pods need no HTTP proxy (direct egress).
 * @see https://github.com/tektoncd/operator/blob/v0.81.1/pkg/webhook/proxy/proxy.go
 */
export const DISABLE_PROXY_WEBHOOK_LABEL = { 'operator.tekton.dev/disable-proxy': 'true' } as const;

/**
 * Label Tekton sets on every TaskRun pod of a PipelineRun: the pipeline task name.
 * @see https://tekton.dev/docs/pipelines/labels/#automatic-labeling
 */
export const PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';
