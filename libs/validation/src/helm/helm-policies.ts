import { CHART_IMAGES } from '@platform/config';
import { type Finding, joinPath } from '../finding';
import { EXEMPT_ANNOTATION } from '../policy/exemptions';
import { ALLOWED_REGISTRY_PREFIXES, POLICIES } from '../policy/policies';
import { coalesce } from './values-merge';

type Values = Record<string, unknown>;

/** ` from the chart default <key>` when the offending value is the chart's values.yaml default. */
function defaultNote(w: { readonly fromDefault?: string }): string {
  return w.fromDefault ? ` from the chart default ${w.fromDefault}` : '';
}

/** Private ECR registry host (the JavaScript form of the policies' CEL pattern). */
const ECR_PRIVATE = /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//;

const POD_003 = 'K8S-POD-003';
const POD_005 = 'K8S-POD-005';
const POD_007 = 'K8S-POD-007';
const POD_008 = 'K8S-POD-008';
const message = (id: string): string => POLICIES.find((p) => p.id === id)?.message ?? id;

/** One values layer: the values and the JSON path prefix its keys are reported under. */
export interface ValuesLayer {
  readonly values: Values;
  /** JSON path of the layer's root (e.g. `spec.source.helm.valuesObject`), '' for a values file. */
  readonly prefix: string;
  readonly at: { readonly file: string; readonly object: string };
  /** Every key of the layer is reported at `prefix` itself (a `helm.parameters[i].name`). */
  readonly exact?: boolean;
}

function get(values: unknown, path: readonly string[]): unknown {
  let node = values;
  for (const s of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Values)[s];
  }
  return node;
}

/** The policy ids an Application exempts itself from (`policy.platform.io/exempt`). */
export function exemptIds(object: Record<string, unknown> | undefined): Set<string> {
  const annotations = ((object?.['metadata'] as Values | undefined)?.['annotations'] ?? {}) as Values;
  const exempt = annotations[EXEMPT_ANNOTATION];
  return new Set(typeof exempt === 'string' ? exempt.split(/[ ,]+/).filter((s) => s !== '') : []);
}

/**
 * The pod policies, applied to Helm values (charts render their pods in the cluster):
 * - K8S-POD-007 / K8S-POD-008 on every declared image map of the chart ({@link CHART_IMAGES}) that the chart
 *   renders (its `when` conditions hold): the effective image (values merged over the chart's values.yaml)
 *   comes from an allowed registry and its tag is not `latest`, whether we set it or the chart defaults it. An
 *   empty tag means the chart's appVersion, pinned by the chart version. A default is reported at the Helm
 *   source (`fallbackAt`), naming the values.yaml key, so it is overridden in our values.
 * - K8S-POD-003: `privileged: true` under a `securityContext` / `containerSecurityContext` key.
 * - K8S-POD-005: `hostNetwork: true` anywhere in the values.
 * Findings point at the layer and key that set the value. `exempt` skips policy ids.
 */
export function helmPolicyFindings(chart: string, defaults: Values, layers: readonly ValuesLayer[], merged: Values, exempt: ReadonlySet<string>, fallbackAt: ValuesLayer['at'] & { readonly path: string }): Finding[] {
  const out: Finding[] = [];
  // Where a key path was set (the last layer that sets it wins, as in the merge).
  const setAt = (path: readonly string[]): { at: ValuesLayer['at']; path: string } | undefined => {
    for (let i = layers.length - 1; i >= 0; i--) {
      if (get(layers[i].values, path) !== undefined) {
        return { at: layers[i].at, path: layers[i].exact ? layers[i].prefix : path.reduce<string>((acc, s) => joinPath(acc, s), layers[i].prefix) };
      }
    }
    return undefined;
  };
  // One finding per offending field: components that inherit the same field are listed together.
  const imageFindings = new Map<string, { finding: Omit<Finding, 'message'>; text: string; images: string[] }>();
  const addImage = (finding: Omit<Finding, 'message'>, text: string, imagePath: string): void => {
    const key = `${finding.file}\u0000${finding.path}\u0000${finding.rule}\u0000${text}`;
    const entry = imageFindings.get(key) ?? { finding, text, images: [] };
    entry.images.push(imagePath);
    imageFindings.set(key, entry);
  };
  const effective = coalesce(defaults, merged);
  for (const image of CHART_IMAGES[chart] ?? []) {
    // `''`: the image keys sit at the top level of the values (Istio's ztunnel chart)
    const own = image.path === '' ? [] : image.path.split('.');
    const fallback = image.fallback?.split('.');
    const rendered = (image.when ?? []).every((c) => (c.startsWith('!') ? get(effective, c.slice(1).split('.')) !== true : get(effective, c.split('.')) === true));
    if (!rendered) continue;
    const field = (name: string): { value: unknown; path: string[] } => {
      for (const base of [own, ...(fallback ? [fallback] : [])]) {
        const value = get(effective, [...base, name]);
        if (value !== undefined && value !== '' && value !== null) return { value, path: [...base, name] };
      }
      return { value: undefined, path: [...own, name] };
    };
    const repository = field(image.repositoryKey ?? 'repository');
    const registry = field('registry');
    const tag = field('tag');
    const digest = field('digest');
    if (typeof repository.value !== 'string') continue;
    const ref = typeof registry.value === 'string' ? `${registry.value.replace(/\/+$/, '')}/${repository.value}` : repository.value;
    // Set by a values layer, or else the chart default (reported at the Helm source, naming the values.yaml key).
    const where = (p: string[]): { at: ValuesLayer['at']; path: string; fromDefault?: string } => setAt(p) ?? { at: fallbackAt, path: fallbackAt.path, fromDefault: p.join('.') };
    if (!exempt.has(POD_007) && !ALLOWED_REGISTRY_PREFIXES.some((p) => ref.startsWith(p)) && !ECR_PRIVATE.test(ref)) {
      const w = where(typeof registry.value === 'string' && setAt(registry.path) ? registry.path : repository.path);
      addImage({ ...w.at, path: w.path, rule: POD_007 }, `${message(POD_007)} (image ${ref}${defaultNote(w)}`, image.path);
    }
    const tagValue = typeof tag.value === 'string' ? tag.value : undefined;
    if (!exempt.has(POD_008) && typeof digest.value !== 'string' && (tagValue === 'latest' || ref.endsWith(':latest'))) {
      const w = where(tagValue === 'latest' ? tag.path : repository.path);
      addImage({ ...w.at, path: w.path, rule: POD_008 }, `${message(POD_008)} (image ${ref}:${tagValue ?? 'latest'}${defaultNote(w)}`, image.path);
    }
  }
  for (const { finding, text, images } of imageFindings.values()) out.push({ ...finding, message: `${text} at ${images.join(', ')})` });
  for (const layer of layers) {
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach((v, i) => walk(v, joinPath(path, i)));
        return;
      }
      for (const [k, v] of Object.entries(node as Values)) {
        const p = layer.exact ? layer.prefix : joinPath(path, k);
        if (k === 'hostNetwork' && v === true && !exempt.has(POD_005)) out.push({ ...layer.at, path: p, rule: POD_005, message: message(POD_005) });
        if ((k === 'securityContext' || k === 'containerSecurityContext') && v && typeof v === 'object' && (v as Values)['privileged'] === true && !exempt.has(POD_003)) {
          out.push({ ...layer.at, path: layer.exact ? p : joinPath(p, 'privileged'), rule: POD_003, message: message(POD_003) });
        }
        walk(v, p);
      }
    };
    walk(layer.values, layer.prefix);
  }
  return out;
}
