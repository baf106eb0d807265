import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { exemptIds } from '../helm/helm-policies';
import { type ItemPolicy, POLICIES } from './policies';
import { PolicyEngine } from './policy-engine';

type Json = Record<string, unknown>;

const PARAM_IMAGE = /^\$\(params\.([A-Za-z0-9_.-]+)\)$/;
const TT_PARAM = /^\$\(tt\.params\.([A-Za-z0-9_.-]+)\)$/;
const IMAGE_POLICIES = ['K8S-POD-007', 'K8S-POD-008'];

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Json[]) : [];
}

function isKind(o: Json, group: string, kind: string): boolean {
  return o['kind'] === kind && String(o['apiVersion']).startsWith(`${group}/`);
}

/** One literal image value that Tekton may substitute into a step image, and where it is written. */
interface Candidate {
  readonly doc: K8sDocument;
  readonly path: string;
  readonly image: string;
  readonly why: string;
}

/** Literal values (default and enum) of a declared param, with their paths. */
function paramValues(doc: K8sDocument, paramsPath: string, params: readonly Json[], name: string, why: string): Candidate[] {
  const i = params.findIndex((p) => p['name'] === name);
  if (i < 0) return [];
  const p = params[i];
  const out: Candidate[] = [];
  if (typeof p['default'] === 'string') out.push({ doc, path: `${paramsPath}[${i}].default`, image: p['default'], why });
  if (Array.isArray(p['enum'])) {
    (p['enum'] as unknown[]).forEach((e, j) => {
      if (typeof e === 'string') out.push({ doc, path: `${paramsPath}[${i}].enum[${j}]`, image: e, why });
    });
  }
  return out;
}

/**
 * Tekton step images written as a parameter (`image: $(params.image)`) are substituted at run time, so the
 * pod policies cannot see them on the Task. This check follows the parameter to the literal values the tree
 * gives it and applies K8S-POD-007 and K8S-POD-008 to each: the Task param's `default` and `enum`, and for every
 * Pipeline task that references the Task, the value it passes (a literal, or a Pipeline param's `default` and
 * `enum`). For every TriggerTemplate PipelineRun (TaskRun) that references such a Pipeline (Task), the value
 * its `params` pass for an image param: a literal, or the TriggerTemplate param's `default`
 * (`$(tt.params.x)`). Findings point at the literal. Values that only TriggerBindings give at run time
 * (`$(body.x)`) are checked in-cluster on the TaskRun pod.
 */
export function tektonImageParamFindings(docs: readonly K8sDocument[], engine: PolicyEngine = new PolicyEngine()): Finding[] {
  const tasks = new Map<string, { doc: K8sDocument; imageParams: Map<string, string> }>();
  const candidates: Candidate[] = [];
  for (const doc of docs) {
    if (!isKind(doc.object, 'tekton.dev', 'Task')) continue;
    const spec = (doc.object['spec'] ?? {}) as Json;
    const imageParams = new Map<string, string>();
    [...list(spec['steps']).map((s, i) => [s, `spec.steps[${i}]`] as const), ...list(spec['sidecars']).map((s, i) => [s, `spec.sidecars[${i}]`] as const)].forEach(([step, stepPath]) => {
      const m = typeof step['image'] === 'string' ? PARAM_IMAGE.exec(step['image']) : null;
      if (m) imageParams.set(m[1], `${stepPath}.image`);
    });
    if (imageParams.size === 0) continue;
    const meta = (doc.object['metadata'] ?? {}) as Json;
    tasks.set(`${String(meta['namespace'] ?? '')}/${String(meta['name'])}`, { doc, imageParams });
    for (const [name, stepImage] of imageParams) {
      candidates.push(...paramValues(doc, 'spec.params', list(spec['params']), name, `param "${name}" is the image of ${stepImage}`));
    }
  }
  // Pipeline params that feed a Task's image param: `<namespace>/<pipeline>` -> param name -> why.
  const pipelineImageParams = new Map<string, Map<string, string>>();
  if (tasks.size > 0) {
    for (const doc of docs) {
      if (!isKind(doc.object, 'tekton.dev', 'Pipeline')) continue;
      const meta = (doc.object['metadata'] ?? {}) as Json;
      const spec = (doc.object['spec'] ?? {}) as Json;
      const feeds = new Map<string, string>();
      pipelineImageParams.set(`${String(meta['namespace'] ?? '')}/${String(meta['name'])}`, feeds);
      for (const field of ['tasks', 'finally'] as const) {
        list(spec[field]).forEach((pt, i) => {
          const ref = (pt['taskRef'] ?? {}) as Json;
          const task = tasks.get(`${String(meta['namespace'] ?? '')}/${String(ref['name'])}`);
          if (!task) return;
          list(pt['params']).forEach((param, j) => {
            const stepImage = typeof param['name'] === 'string' ? task.imageParams.get(param['name']) : undefined;
            if (!stepImage || typeof param['value'] !== 'string') return;
            const why = `passed to ${describeObject(task.doc.object)} ${stepImage}`;
            const fromPipeline = PARAM_IMAGE.exec(param['value']);
            if (fromPipeline) {
              feeds.set(fromPipeline[1], `${why} via ${describeObject(doc.object)} param "${fromPipeline[1]}"`);
              candidates.push(...paramValues(doc, 'spec.params', list(spec['params']), fromPipeline[1], why));
            }
            else if (!param['value'].includes('$(')) candidates.push({ doc, path: `spec.${field}[${i}].params[${j}].value`, image: param['value'], why });
          });
        });
      }
    }
  }
  for (const doc of docs) {
    if (!isKind(doc.object, 'triggers.tekton.dev', 'TriggerTemplate')) continue;
    const namespace = String(((doc.object['metadata'] ?? {}) as Json)['namespace'] ?? '');
    const spec = (doc.object['spec'] ?? {}) as Json;
    list(spec['resourcetemplates']).forEach((run, i) => {
      const runSpec = (run['spec'] ?? {}) as Json;
      const runNamespace = String(((run['metadata'] ?? {}) as Json)['namespace'] ?? namespace);
      let feeds: ReadonlyMap<string, string> | undefined;
      if (isKind(run, 'tekton.dev', 'PipelineRun')) {
        feeds = pipelineImageParams.get(`${runNamespace}/${String(((runSpec['pipelineRef'] ?? {}) as Json)['name'])}`);
      } else if (isKind(run, 'tekton.dev', 'TaskRun')) {
        const task = tasks.get(`${runNamespace}/${String(((runSpec['taskRef'] ?? {}) as Json)['name'])}`);
        if (task) feeds = new Map([...task.imageParams].map(([name, stepImage]) => [name, `param "${name}" is the image of ${describeObject(task.doc.object)} ${stepImage}`]));
      }
      if (!feeds) return;
      list(runSpec['params']).forEach((param, j) => {
        const target = typeof param['name'] === 'string' ? feeds.get(param['name']) : undefined;
        if (!target || typeof param['value'] !== 'string') return;
        const why = `passed by ${String(run['kind'])} resourcetemplates[${i}] param "${String(param['name'])}"; ${target}`;
        const fromTemplate = TT_PARAM.exec(param['value']);
        if (fromTemplate) candidates.push(...paramValues(doc, 'spec.params', list(spec['params']), fromTemplate[1], why));
        else if (!param['value'].includes('$(')) candidates.push({ doc, path: `spec.resourcetemplates[${i}].spec.params[${j}].value`, image: param['value'], why });
      });
    });
  }
  const policies = POLICIES.filter((p): p is ItemPolicy => IMAGE_POLICIES.includes(p.id));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const exempt = exemptIds(c.doc.object);
    for (const policy of policies) {
      const key = `${c.doc.file}\u0000${describeObject(c.doc.object)}\u0000${c.path}\u0000${policy.id}`;
      if (seen.has(key) || exempt.has(policy.id) || engine.holds(policy, 'taskSpec', { image: c.image })) continue;
      seen.add(key);
      out.push({ file: c.doc.file, object: describeObject(c.doc.object), path: c.path, rule: policy.id, message: `${policy.message} (image ${c.image}; ${c.why})` });
    }
  }
  return out;
}
