/**
 * The core Kubernetes API bindings (`KubeNamespace`, `KubeNetworkPolicy`, `Quantity`, ...) of the cluster
 * minor the workspace targets, from `cdk8s-plus-NN`. The one module that names the package (ADR 0002): a
 * cluster minor upgrade changes this line and the dependency, never the constructs.
 */
export * from 'cdk8s-plus-34/lib/imports/k8s';
