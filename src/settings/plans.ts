import {
  DEFAULT_PLANS,
  JOB_NAMES,
  LIMITS,
  PATTERNS,
  PLAN_NAMES,
  RESERVED_HEADERS,
  RULES,
  type PlanName,
} from '../generated/plans';

/** Alert thresholds a plan's own Prometheus uses instead of the app's defaults (pkg/agentconfig). */
export interface Thresholds {
  errorRatio?: number;
  latencyP95Seconds?: number;
  deployFailureRatio?: number;
  quotaRatio?: number;
}

/** A monitoring plan as jsonData.plans holds it (pkg/agentconfig Plan). */
export interface PlanSettings {
  name: string;
  scrapeInterval: string;
  evaluationInterval: string;
  remoteWriteUrl: string;
  tenantHeader: string;
  platformTenant: string;
  queue: { maxSamplesPerSend: number; maxShards: number; capacity: number };
  jobs: string[];
  alertmanagerTarget?: string;
  ruleFiles?: string[];
  namespace: string;
  thresholds?: Thresholds;
  /** Share of a workspace's requests that must not be 5xx over 30 days (pkg/agentconfig ObjectiveRule). */
  availabilityObjective: number;
}

/** A workspace added by hand (jsonData.workspaces). */
export interface WorkspaceSettings {
  id: string;
  clusterId: string;
  plan: string;
}

export interface FieldError {
  field: string;
  rule: string;
}

export const THRESHOLD_KEYS = ['errorRatio', 'latencyP95Seconds', 'deployFailureRatio', 'quotaRatio'] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];
export const QUEUE_KEYS = ['maxSamplesPerSend', 'maxShards', 'capacity'] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

/** A plan as the editor holds it: numbers as typed, so that a wrong one can be named. */
export interface PlanForm {
  scrapeInterval: string;
  evaluationInterval: string;
  remoteWriteUrl: string;
  tenantHeader: string;
  platformTenant: string;
  queue: Record<QueueKey, string>;
  jobs: string[];
  alertmanagerTarget: string;
  ruleFiles: string;
  namespace: string;
  thresholds: Record<ThresholdKey, string>;
  availabilityObjective: string;
}

/** The saved plan read over its default, field by field; a null (which the backend refuses) shows the default, so a save replaces it. */
export function resolvePlan(name: PlanName, saved: Partial<PlanSettings> | undefined): PlanSettings {
  const d = DEFAULT_PLANS[name];
  const pick = <T>(v: T | null | undefined, def: T): T => (v === undefined || v === null ? def : v);
  return {
    name,
    scrapeInterval: pick(saved?.scrapeInterval, d.scrapeInterval),
    evaluationInterval: pick(saved?.evaluationInterval, d.evaluationInterval),
    remoteWriteUrl: pick(saved?.remoteWriteUrl, d.remoteWriteUrl),
    tenantHeader: pick(saved?.tenantHeader, d.tenantHeader),
    platformTenant: pick(saved?.platformTenant, d.platformTenant),
    queue: {
      maxSamplesPerSend: pick(saved?.queue?.maxSamplesPerSend, d.queue.maxSamplesPerSend),
      maxShards: pick(saved?.queue?.maxShards, d.queue.maxShards),
      capacity: pick(saved?.queue?.capacity, d.queue.capacity),
    },
    jobs: pick(saved?.jobs, d.jobs),
    alertmanagerTarget: pick(saved?.alertmanagerTarget, d.alertmanagerTarget ?? ''),
    ruleFiles: pick(saved?.ruleFiles, d.ruleFiles ?? []),
    namespace: pick(saved?.namespace, d.namespace),
    thresholds: { ...d.thresholds, ...saved?.thresholds },
    availabilityObjective: pick(saved?.availabilityObjective, d.availabilityObjective),
  };
}

export function planForm(plan: PlanSettings): PlanForm {
  const thresholds = {} as Record<ThresholdKey, string>;
  for (const key of THRESHOLD_KEYS) {
    thresholds[key] = plan.thresholds?.[key] === undefined ? '' : String(plan.thresholds[key]);
  }
  return {
    scrapeInterval: plan.scrapeInterval,
    evaluationInterval: plan.evaluationInterval,
    remoteWriteUrl: plan.remoteWriteUrl,
    tenantHeader: plan.tenantHeader,
    platformTenant: plan.platformTenant,
    queue: {
      maxSamplesPerSend: String(plan.queue.maxSamplesPerSend),
      maxShards: String(plan.queue.maxShards),
      capacity: String(plan.queue.capacity),
    },
    jobs: [...plan.jobs],
    alertmanagerTarget: plan.alertmanagerTarget ?? '',
    ruleFiles: (plan.ruleFiles ?? []).join(', '),
    namespace: plan.namespace,
    thresholds,
    availabilityObjective: String(plan.availabilityObjective),
  };
}

const DECIMAL = /^[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?$/;

/** A decimal as typed, or NaN: Number() also reads 0x10 or 0b1, which no one means as a ratio. */
export function decimal(v: string): number {
  return DECIMAL.test(v.trim()) ? Number(v.trim()) : NaN;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds of a Prometheus-style duration such as 30s, or undefined when it is none. */
export function durationSeconds(v: string): number | undefined {
  if (!PATTERNS.duration.test(v)) {
    return undefined;
  }
  const [, n, unit] = /^([0-9]+)(ms|s|m|h)$/.exec(v)!;
  return Number(n) * UNIT_SECONDS[unit];
}

function ruleFiles(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Every broken rule of a plan, named as the backend names it (plans.<name>.<field>). */
export function validatePlan(name: PlanName, form: PlanForm): FieldError[] {
  const errors: FieldError[] = [];
  const field = (f: string) => `plans.${name}.${f}`;
  for (const key of ['scrapeInterval', 'evaluationInterval'] as const) {
    const s = durationSeconds(form[key]);
    if (s === undefined || s < LIMITS.minIntervalSeconds || s > LIMITS.maxIntervalSeconds) {
      errors.push({ field: field(key), rule: RULES.duration });
    }
  }
  if (form.remoteWriteUrl !== '' && !PATTERNS.url.test(form.remoteWriteUrl)) {
    errors.push({ field: field('remoteWriteUrl'), rule: RULES.url });
  }
  if (form.tenantHeader !== '' && !PATTERNS.header.test(form.tenantHeader)) {
    errors.push({ field: field('tenantHeader'), rule: RULES.header });
  } else if (RESERVED_HEADERS.includes(form.tenantHeader.toLowerCase())) {
    errors.push({ field: field('tenantHeader'), rule: RULES.reservedHeader });
  }
  if (form.platformTenant === '') {
    // no platform tenant: one write, to the workspace's tenant
  } else if (
    !PATTERNS.tenant.test(form.platformTenant) ||
    form.platformTenant === '.' ||
    form.platformTenant === '..'
  ) {
    errors.push({ field: field('platformTenant'), rule: RULES.tenant });
  } else if (form.remoteWriteUrl === '' || form.tenantHeader === '') {
    errors.push({ field: field('platformTenant'), rule: RULES.platformTenant });
  }
  for (const key of QUEUE_KEYS) {
    const v = form.queue[key];
    if (!/^[0-9]+$/.test(v) || Number(v) < 1 || Number(v) > LIMITS.maxQueue) {
      errors.push({ field: field(`queue.${key}`), rule: RULES.queue });
    }
  }
  if (form.jobs.length === 0) {
    errors.push({ field: field('jobs'), rule: RULES.jobs });
  }
  form.jobs.forEach((job, i) => {
    if (!JOB_NAMES.includes(job)) {
      errors.push({ field: field(`jobs[${i}]`), rule: RULES.job });
    }
  });
  if (form.alertmanagerTarget !== '' && !PATTERNS.target.test(form.alertmanagerTarget)) {
    errors.push({ field: field('alertmanagerTarget'), rule: RULES.target });
  }
  ruleFiles(form.ruleFiles).forEach((f, i) => {
    if (!PATTERNS.ruleFile.test(f)) {
      errors.push({ field: field(`ruleFiles[${i}]`), rule: RULES.ruleFile });
    }
  });
  if (!PATTERNS.id.test(form.namespace)) {
    errors.push({ field: field('namespace'), rule: RULES.id });
  }
  const objective = decimal(form.availabilityObjective);
  if (!(objective > LIMITS.minObjective && objective < 1)) {
    errors.push({ field: field('availabilityObjective'), rule: RULES.objective });
  }
  let anyThreshold = false;
  for (const key of THRESHOLD_KEYS) {
    const v = form.thresholds[key].trim();
    if (v === '') {
      continue;
    }
    anyThreshold = true;
    // Number() also reads 0x10 or 0b1, which no one means as a ratio.
    const n = DECIMAL.test(v) ? Number(v) : NaN;
    const max = key === 'latencyP95Seconds' ? LIMITS.maxLatencySeconds : 1;
    if (!Number.isFinite(n) || !(n > 0 && n <= max)) {
      errors.push({
        field: field(`thresholds.${key}`),
        rule: key === 'latencyP95Seconds' ? RULES.seconds : RULES.ratio,
      });
    }
  }
  if (anyThreshold && form.alertmanagerTarget === '') {
    errors.push({ field: field('thresholds'), rule: RULES.thresholds });
  }
  return errors;
}

/** The plan to save; call only once validatePlan found nothing. */
export function planSettings(name: PlanName, form: PlanForm): PlanSettings {
  const thresholds: Thresholds = {};
  for (const key of THRESHOLD_KEYS) {
    if (form.thresholds[key].trim() !== '') {
      thresholds[key] = Number(form.thresholds[key]);
    }
  }
  const files = ruleFiles(form.ruleFiles);
  return {
    name,
    scrapeInterval: form.scrapeInterval,
    evaluationInterval: form.evaluationInterval,
    remoteWriteUrl: form.remoteWriteUrl,
    tenantHeader: form.tenantHeader,
    // Always sent: the backend reads a plan over its defaults, so a missing key would not clear it.
    platformTenant: form.platformTenant,
    queue: {
      maxSamplesPerSend: Number(form.queue.maxSamplesPerSend),
      maxShards: Number(form.queue.maxShards),
      capacity: Number(form.queue.capacity),
    },
    jobs: JOB_NAMES.filter((j) => form.jobs.includes(j)),
    // Both always sent: the backend reads a plan over its defaults, so a missing key would not clear them.
    alertmanagerTarget: form.alertmanagerTarget,
    ruleFiles: files,
    namespace: form.namespace,
    ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    availabilityObjective: decimal(form.availabilityObjective),
  };
}

/** Plans to save: only those that differ from their defaults, so that defaults can evolve. */
export function plansJsonData(plans: Record<PlanName, PlanSettings>): Partial<Record<PlanName, PlanSettings>> {
  const out: Partial<Record<PlanName, PlanSettings>> = {};
  for (const name of PLAN_NAMES) {
    if (!samePlan(plans[name], DEFAULT_PLANS[name])) {
      out[name] = plans[name];
    }
  }
  return out;
}

function samePlan(a: PlanSettings, b: PlanSettings): boolean {
  const norm = (p: PlanSettings) =>
    canonical({
      ...p,
      alertmanagerTarget: p.alertmanagerTarget ?? '',
      ruleFiles: p.ruleFiles ?? [],
      thresholds: p.thresholds ?? {},
    });
  return norm(a) === norm(b);
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    return `[${v.map(canonical).join(',')}]`;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Every broken rule of the manual workspaces, named as the backend names it (workspaces[i].id). */
export function validateWorkspaces(list: WorkspaceSettings[]): FieldError[] {
  const errors: FieldError[] = [];
  if (list.length > LIMITS.maxManualWorkspaces) {
    errors.push({ field: 'workspaces', rule: RULES.workspacesCount });
  }
  const seen = new Set<string>();
  list.forEach((w, i) => {
    errors.push(...validateWorkspace(w, `workspaces[${i}].`));
    if (seen.has(w.id)) {
      errors.push({ field: `workspaces[${i}].id`, rule: RULES.duplicateId });
    }
    seen.add(w.id);
  });
  return errors;
}

/** Every broken rule of one workspace; prefix names where it sits. */
export function validateWorkspace(w: WorkspaceSettings, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!PATTERNS.id.test(w.id)) {
    errors.push({ field: `${prefix}id`, rule: RULES.id });
  }
  if (!PATTERNS.id.test(w.clusterId)) {
    errors.push({ field: `${prefix}clusterId`, rule: RULES.id });
  }
  if (!(PLAN_NAMES as string[]).includes(w.plan)) {
    errors.push({ field: `${prefix}plan`, rule: RULES.plan });
  }
  return errors;
}

/** UTF-8 size of a string, as the backend counts the payload. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
