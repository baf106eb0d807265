/** Public API of @platform/k8s-security: cert-manager, OpenBao, External Secrets, Gatekeeper, Falco, tenant access. */
export * from './cert-manager/cert-manager-addon';
export * from './cert-manager/cert-manager-values';
export * from './cert-manager/cluster-issuer-ref';
export * from './cert-manager/platform-certificate';
export * from './cert-manager/platform-cluster-issuers';
export * from './zone-spread';
export * from './gatekeeper/gatekeeper-addon';
export * from './gatekeeper/gatekeeper-config';
export * from './gatekeeper/gatekeeper-constraints-addon';
export * from './gatekeeper/gatekeeper-values';
export * from './gatekeeper/policy-constraint-templates';
export * from './gatekeeper/policy-constraints';
