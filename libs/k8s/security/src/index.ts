/** Public API of @platform/k8s-security: cert-manager, OpenBao, External Secrets, Gatekeeper, Falco, tenant access. */
export * from './cert-manager/cert-manager-addon';
export * from './cert-manager/cert-manager-values';
export * from './cert-manager/cluster-issuer-ref';
export * from './cert-manager/platform-certificate';
export * from './cert-manager/platform-cluster-issuers';
export * from './zone-spread';
export * from './external-secrets/argocd-secret-reference';
export * from './external-secrets/external-secrets-addon';
export * from './external-secrets/external-secrets-values';
export * from './external-secrets/openbao-cluster-secret-store';
export * from './external-secrets/platform-external-secret';
export * from './external-secrets/secret-consumer-access';
export * from './openbao/openbao-endpoint';
