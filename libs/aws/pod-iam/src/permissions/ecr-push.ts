import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * Push (and read back) images in the environment's application repositories only.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html
 */
export function ecrPushStatements(ctx: PermissionContext): PolicyStatement[] {
  return [
    {
      Sid: 'EcrLogin',
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken'],
      // Wildcard required: ecr:GetAuthorizationToken does not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
    {
      Sid: 'PushToEnvironmentRepositories',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: [ctx.ecrRepositoriesArn],
    },
  ];
}
