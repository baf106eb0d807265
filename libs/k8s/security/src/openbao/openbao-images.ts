/** OpenBao server and CLI image (chart 0.29.2 appVersion v2.6.2); the reconciler and snapshot Jobs use the same `bao`. */
export const OPENBAO_IMAGE = { registry: 'quay.io', repository: 'openbao/openbao', tag: '2.6.2' } as const;
/** `quay.io/openbao/openbao:2.6.2`. */
export const OPENBAO_IMAGE_REF = `${OPENBAO_IMAGE.registry}/${OPENBAO_IMAGE.repository}:${OPENBAO_IMAGE.tag}`;
/** AWS CLI v2 (EKS Pod Identity credentials) for the snapshot upload. @see https://gallery.ecr.aws/aws-cli/aws-cli */
export const AWS_CLI_IMAGE_REF = 'public.ecr.aws/aws-cli/aws-cli:2.22.0';

/** Restricted-profile container security context shared by the platform's OpenBao helper containers. */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
