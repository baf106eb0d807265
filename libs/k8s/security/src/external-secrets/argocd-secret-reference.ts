/** ArgoCD's `$<secret>:<key>` reference: a key of a Secret labelled `app.kubernetes.io/part-of: argocd`. */
export interface ArgoCdSecretReference {
  readonly secretName: string;
  readonly key: string;
}

/** Label ArgoCD requires on a Secret it reads through a `$<secret>:<key>` reference. */
export const ARGOCD_SECRET_LABELS = { 'app.kubernetes.io/part-of': 'argocd' } as const;

/**
 * Parses an ArgoCD secret reference (`argocd.sso.clientSecretRef`). Only the `$<secret>:<key>` form can be
 * delivered by External Secrets: `$<key>` points into `argocd-secret`, which the chart owns.
 * @throws Error naming the field, the value and the fix for the `$<key>` form or a malformed value
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#sensitive-data-and-sso-client-secrets
 */
export function parseArgoCdSecretReference(field: string, ref: string): ArgoCdSecretReference {
  const m = /^\$([a-z0-9]([-a-z0-9]*[a-z0-9])?):([A-Za-z0-9._-]+)$/.exec(ref);
  if (!m) throw new Error(`${field}: "${ref}" cannot be delivered by External Secrets; use the $<secret>:<key> form, e.g. $argocd-oidc:clientSecret (argocd-secret keys are owned by the argo-cd chart)`);
  return { secretName: m[1], key: m[3] };
}
