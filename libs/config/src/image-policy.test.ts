import { environmentImages, imagePolicyViolation } from './image-policy';
import { fixtureInput } from './testing/fixture-environment';
import { issuesOf, issuesOrEmpty } from './testing/config-issues';

const override = (image: string) => fixtureInput({ tekton: { testOverrides: { orders: { image, command: 'make test' } } } });

describe('images named in an environment file', () => {
  it('rejects a Docker Hub image at schema time, naming the field and both replacements', () => {
    expect(issuesOf(override('docker.io/library/golang:1.23.4'))).toEqual([
      'test: tekton.testOverrides.orders.image: "docker.io/library/golang:1.23.4" is not from an allowed registry ' +
        '(public.ecr.aws/, ecr-public.aws.com/, registry.k8s.io/, quay.io/, ghcr.io/ or private ECR <account>.dkr.ecr.<region>.amazonaws.com/); ' +
        'Docker Hub is not allowed: use the ECR Public mirror public.ecr.aws/docker/library/golang:1.23.4 or the pull-through cache ' +
        '<account>.dkr.ecr.<region>.amazonaws.com/<env>/dockerhub/library/golang:1.23.4',
    ]);
    expect(issuesOf(override('golang:1.23.4'))[0]).toMatch(/public\.ecr\.aws\/docker\/library\/golang:1\.23\.4/);
    expect(issuesOf(override('bitnami/kubectl:1.34'))[0]).toMatch(/Docker Hub is not allowed: use the pull-through cache .*\/dockerhub\/bitnami\/kubectl:1\.34$/);
  });

  it('rejects an unpinned image from an allowed registry', () => {
    expect(issuesOf(override('public.ecr.aws/docker/library/golang:latest'))).toEqual([
      'test: tekton.testOverrides.orders.image: "public.ecr.aws/docker/library/golang:latest" is not pinned: add a tag other than latest or an @sha256: digest',
    ]);
  });

  it('accepts allowed registries, private ECR and digests', () => {
    expect(issuesOrEmpty(override('public.ecr.aws/docker/library/golang:1.23.4-bookworm'))).toEqual([]);
    expect(issuesOrEmpty(override(`111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/library/golang@sha256:${'a'.repeat(64)}`))).toEqual([]);
    expect(imagePolicyViolation('ghcr.io/org/tool:v1.2.3')).toBeUndefined();
  });

  it('finds images under any key named image, images, *Image or *Images, at any depth', () => {
    expect(environmentImages({ a: { image: 'x:1', b: [{ toolchainImage: 'y:2' }] }, extraImages: ['z:3'], imagePullPolicy: 'Always' })).toEqual([
      { path: ['a', 'image'], image: 'x:1' },
      { path: ['a', 'b', 0, 'toolchainImage'], image: 'y:2' },
      { path: ['extraImages', 0], image: 'z:3' },
    ]);
  });
});
