/** `https://host/x.git/` and `https://host/x` are the same repository for ArgoCD. */
export function normalizeRepoUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
}
