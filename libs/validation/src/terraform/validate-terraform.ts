import type { TerraformStackFile } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { scanTemplate } from './expressions';
import { TERRAFORM_RULES, type TerraformRule } from './terraform-rules';
import { isTrue, StackModel } from './stack-model';

/** Rule ids of the structural Terraform checks. */
export const TF_STRUCTURE_RULES = {
  pinnedProviders: 'TF-PROV-001',
  declaredProviders: 'TF-PROV-002',
  backend: 'TF-BACKEND-001',
  reference: 'TF-REF-001',
  token: 'TF-REF-002',
  exemptReason: 'TF-EXEMPT-001',
  exemptUnknown: 'TF-EXEMPT-002',
} as const;

/** Terraform's built-in provider (terraform_remote_state, terraform_data): never declared. */
const BUILTIN_PROVIDERS = new Set(['terraform']);
const EXACT_VERSION = /^=?\s*v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const UNRESOLVED_TOKEN = /\$\{(?:TfToken|Token)\[|TfToken\[TOKEN\.\d+\]/;
const SKIP_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform']);

/** Resource tag listing the rule ids (space-separated) a resource is exempt from. */
export const TF_EXEMPT_TAG = 'policy.platform.io/exempt';
/** Resource tag required next to {@link TF_EXEMPT_TAG}: why. */
export const TF_EXEMPT_REASON_TAG = 'policy.platform.io/exempt-reason';

/**
 * Checks every stack: pinned and declared providers, the state backend, every reference inside
 * `${...}` and in `depends_on`, and the {@link TERRAFORM_RULES} rule set. A resource tagged
 * `policy.platform.io/exempt = "<rule id> ..."` with a `policy.platform.io/exempt-reason` tag is
 * exempt from those rules of the rule set (TF-EXEMPT-001/002 check the tags themselves).
 */
export function validateTerraform(stacks: readonly TerraformStackFile[], rules: readonly TerraformRule[] = TERRAFORM_RULES): Finding[] {
  const findings: Finding[] = [];
  const ruleIds = new Set(rules.map((r) => r.id));
  for (const file of stacks) {
    const stack = new StackModel(file);
    findings.push(...providerFindings(stack), ...backendFindings(stack), ...referenceFindings(stack));
    const exemptions = exemptionsOf(stack, ruleIds, findings);
    for (const rule of rules) findings.push(...rule.check(stack).filter((f) => !exemptions.get(f.object)?.has(rule.id)));
  }
  return findings;
}

/** Address -> exempt rule ids, from the resources' `tags`; reports malformed exemptions into `findings`. */
function exemptionsOf(stack: StackModel, ruleIds: ReadonlySet<string>, findings: Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [type, name, body] of stack.blocks(false)) {
    const tags = (body['tags'] ?? {}) as Record<string, unknown>;
    const exempt = tags[TF_EXEMPT_TAG];
    if (typeof exempt !== 'string') continue;
    const address = `${type}.${name}`;
    const at = { file: stack.file.file, object: address, path: `tags["${TF_EXEMPT_TAG}"]` };
    const reason = tags[TF_EXEMPT_REASON_TAG];
    if (typeof reason !== 'string' || reason.trim() === '') {
      findings.push({ ...at, rule: TF_STRUCTURE_RULES.exemptReason, message: `${TF_EXEMPT_TAG} requires a non-empty ${TF_EXEMPT_REASON_TAG} tag` });
      continue;
    }
    const ids = exempt.split(/\s+/).filter((s) => s !== '');
    for (const id of ids.filter((i) => !ruleIds.has(i))) {
      findings.push({ ...at, rule: TF_STRUCTURE_RULES.exemptUnknown, message: `unknown rule id "${id}" (exemptions apply to: ${[...ruleIds].join(', ')})` });
    }
    out.set(address, new Set(ids));
  }
  return out;
}

function providerFindings(stack: StackModel): Finding[] {
  const out: Finding[] = [];
  const at = { file: stack.file.file, object: `stack ${stack.file.stack}` };
  const required = (stack.terraform['required_providers'] ?? {}) as Record<string, unknown>;
  for (const [name, spec] of Object.entries(required)) {
    const version = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)['version'] : spec;
    if (typeof version !== 'string' || !EXACT_VERSION.test(version.trim())) {
      out.push({ ...at, path: `terraform.required_providers.${name}.version`, rule: TF_STRUCTURE_RULES.pinnedProviders, message: `provider ${name}: version ${JSON.stringify(version ?? null)} is not an exact version (e.g. "6.66.0"; no ~>, >=, ranges)` });
    }
  }
  const used = new Set<string>();
  for (const [type] of [...stack.blocks(false), ...stack.blocks(true)]) used.add(type.split('_')[0]);
  for (const [name] of stack.providers()) used.add(name);
  for (const name of [...used].sort()) {
    if (!BUILTIN_PROVIDERS.has(name) && !(name in required)) {
      out.push({ ...at, path: 'terraform.required_providers', rule: TF_STRUCTURE_RULES.declaredProviders, message: `provider ${name} is used but not declared in required_providers` });
    }
  }
  return out;
}

function backendFindings(stack: StackModel): Finding[] {
  const at = { file: stack.file.file, object: `stack ${stack.file.stack}`, rule: TF_STRUCTURE_RULES.backend };
  const backend = (stack.terraform['backend'] ?? {}) as Record<string, Record<string, unknown>>;
  const kinds = Object.keys(backend);
  if (kinds.length !== 1) return [{ ...at, path: 'terraform.backend', message: `expected exactly one backend (s3), found ${kinds.length === 0 ? 'none' : kinds.join(', ')}` }];
  const [kind] = kinds;
  if (kind !== 's3') {
    return [{ ...at, path: `terraform.backend.${kind}`, message: `backend ${kind} is not allowed; use s3 (encrypt, kms_key_id, use_lockfile) — bootstrap too (tools/scripts/bootstrap-state.sh)` }];
  }
  const s3 = backend['s3'] ?? {};
  const out: Finding[] = [];
  if (!isTrue(s3['encrypt'])) out.push({ ...at, path: 'terraform.backend.s3.encrypt', message: 'S3 backend must set encrypt = true' });
  if (typeof s3['kms_key_id'] !== 'string' || !/^arn:aws[a-z-]*:kms:/.test(s3['kms_key_id'])) {
    out.push({ ...at, path: 'terraform.backend.s3.kms_key_id', message: 'S3 backend must set kms_key_id to the state CMK ARN (without it Terraform writes state with SSE-S3)' });
  }
  if (!isTrue(s3['use_lockfile'])) out.push({ ...at, path: 'terraform.backend.s3.use_lockfile', message: 'S3 backend must set use_lockfile = true (native S3 state locking)' });
  return out;
}

function referenceFindings(stack: StackModel): Finding[] {
  const out: Finding[] = [];
  const variables = stack.names('variable');
  const locals = stack.names('locals');
  const modules = stack.names('module');
  const providerAliases = new Set(stack.providers().map(([name, cfg]) => (typeof cfg['alias'] === 'string' ? `${name}.${cfg['alias']}` : name)));

  const resolve = (segments: readonly string[]): string | undefined => {
    const [root, a, b] = segments;
    if (SKIP_ROOTS.has(root)) return undefined;
    if (root === 'var') return a && variables.has(a) ? undefined : `variable "${a}" is not declared`;
    if (root === 'local') return a && locals.has(a) ? undefined : `local "${a}" is not declared`;
    if (root === 'module') return a && modules.has(a) ? undefined : `module "${a}" is not declared`;
    if (root === 'data') return a && b && stack.has('data', a, b) ? undefined : `data source ${a}.${b} does not exist in this stack`;
    if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root) && a !== undefined) return stack.has('resource', root, a) ? undefined : `resource ${root}.${a} does not exist in this stack`;
    return undefined;
  };

  const visit = (value: unknown, path: string, object: string): void => {
    if (typeof value === 'string') {
      if (UNRESOLVED_TOKEN.test(value)) {
        out.push({ file: stack.file.file, object, path, rule: TF_STRUCTURE_RULES.token, message: `unresolved CDK token in ${JSON.stringify(value.slice(0, 80))}` });
        return;
      }
      const scan = scanTemplate(value);
      for (const e of scan.errors) out.push({ file: stack.file.file, object, path, rule: TF_STRUCTURE_RULES.reference, message: e });
      for (const t of scan.traversals) {
        const problem = resolve(t.segments);
        if (problem) out.push({ file: stack.file.file, object, path, rule: TF_STRUCTURE_RULES.reference, message: `dangling reference \${${t.text}}: ${problem}` });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, joinPath(path, i), object));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '//') continue;
        visit(v, joinPath(path, k), object);
      }
    }
  };

  for (const section of ['resource', 'data'] as const) {
    for (const [type, name, body] of stack.blocks(section === 'data')) {
      const object = `${section === 'data' ? 'data.' : ''}${type}.${name}`;
      for (const [k, v] of Object.entries(body)) {
        if (k === '//' || k === 'lifecycle') continue;
        if (k === 'depends_on') {
          (Array.isArray(v) ? v : []).forEach((dep: unknown, i: number) => {
            const text = String(dep).replace(/^\$\{(.*)\}$/, '$1');
            const problem = resolve(text.split('.'));
            if (problem) out.push({ file: stack.file.file, object, path: `depends_on[${i}]`, rule: TF_STRUCTURE_RULES.reference, message: `dangling depends_on ${text}: ${problem}` });
          });
          continue;
        }
        if (k === 'provider' && typeof v === 'string') {
          const ref = v.replace(/^\$\{(.*)\}$/, '$1');
          if (!providerAliases.has(ref)) out.push({ file: stack.file.file, object, path: 'provider', rule: TF_STRUCTURE_RULES.reference, message: `provider ${ref} is not configured in this stack` });
          continue;
        }
        visit(v, k, object);
      }
    }
  }
  // The terraform block holds no references (backend configuration is literal).
  for (const section of ['output', 'locals', 'module', 'provider'] as const) visit(stack.json[section], section, section);
  return out;
}
