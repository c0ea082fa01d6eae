import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import {
  Checkbox,
  Field,
  FieldSet,
  FieldValidationMessage,
  Input,
  Label,
  Stack,
  Tab,
  TabContent,
  TabsBar,
  useStyles2,
} from '@grafana/ui';

import { DEFAULT_THRESHOLDS, JOB_NAMES, PLAN_NAMES, type PlanName } from '../../generated/plans';
import { QUEUE_KEYS, THRESHOLD_KEYS, type PlanForm, type QueueKey, type ThresholdKey } from '../../settings/plans';
import { errorOf, type FormError } from './settingsForm';

interface Props {
  plans: Record<PlanName, PlanForm>;
  errors: FormError[];
  onChange: (name: PlanName, plan: PlanForm) => void;
}

function planLabel(name: PlanName): string {
  return name === 'shared' ? t('config.plans.shared', 'Shared') : t('config.plans.dedicated', 'Dedicated');
}

function queueLabel(key: QueueKey): string {
  switch (key) {
    case 'maxSamplesPerSend':
      return t('config.plans.queue-max-samples', 'Samples per send');
    case 'maxShards':
      return t('config.plans.queue-max-shards', 'Shards');
    case 'capacity':
      return t('config.plans.queue-capacity', 'Capacity per shard');
  }
}

function thresholdLabel(key: ThresholdKey): string {
  switch (key) {
    case 'errorRatio':
      return t('config.plans.threshold-error-ratio', 'HighErrorRate: 5xx share of requests (0–1)');
    case 'latencyP95Seconds':
      return t('config.plans.threshold-latency', 'SlowResponseTime: p95 latency in seconds');
    case 'deployFailureRatio':
      return t('config.plans.threshold-deploy-failure', 'DeploymentFailureSpike: failed share of deployments (0–1)');
    case 'quotaRatio':
      return t('config.plans.threshold-quota', 'ResourceQuotaExceeded: usage against quota (0–1)');
  }
}

function jobDescription(job: string): string {
  switch (job) {
    case 'kubernetes-pods':
      return t('config.plans.job-pods', 'Pods annotated prometheus.io/scrape');
    case 'kubernetes-nodes':
      return t('config.plans.job-nodes', 'Kubelets, through the API server proxy');
    case 'kubernetes-services':
      return t('config.plans.job-services', 'Service endpoints annotated prometheus.io/scrape');
    case 'kubernetes-apiservers':
      return t('config.plans.job-apiservers', 'The vCluster API server');
    case 'kubernetes-nodes-cadvisor':
      return t('config.plans.job-cadvisor', 'Container metrics of cAdvisor');
    case 'hexabase-applications':
      return t('config.plans.job-hexabase', 'Pods annotated hexabase/monitoring: enabled');
    default:
      return job;
  }
}

/** A label over several inputs, with the rule the group breaks; Field would pass `invalid` to a div. */
function FieldGroup({
  label,
  description,
  error,
  children,
}: React.PropsWithChildren<{ label: string; description?: string; error?: string }>) {
  return (
    <div role="group" aria-label={label} className={useStyles2(getStyles).group}>
      <Label description={description}>{label}</Label>
      {children}
      {error && <FieldValidationMessage>{error}</FieldValidationMessage>}
    </div>
  );
}

/** Per plan: what every workspace's Prometheus scrapes, where it writes, and its alert thresholds. */
export function PlansSection({ plans, errors, onChange }: Props) {
  const [active, setActive] = React.useState<PlanName>('shared');
  const plan = plans[active];
  const err = (f: string) => errorOf(errors, `plans.${active}.${f}`);
  const set = (patch: Partial<PlanForm>) => onChange(active, { ...plan, ...patch });
  const text = (
    key:
      | 'scrapeInterval'
      | 'evaluationInterval'
      | 'remoteWriteUrl'
      | 'tenantHeader'
      | 'platformTenant'
      | 'alertmanagerTarget'
      | 'ruleFiles'
      | 'namespace',
    label: string,
    description?: string,
    width = 60
  ) => (
    <Field label={label} description={description} invalid={Boolean(err(key))} error={err(key)}>
      <Input
        id={`hexabase-plan-${active}-${key}`}
        width={width}
        value={plan[key]}
        onChange={(e) => set({ [key]: e.currentTarget.value })}
      />
    </Field>
  );
  return (
    <FieldSet label={t('config.plans.title', 'Monitoring plans')}>
      <TabsBar>
        {PLAN_NAMES.map((name) => (
          <Tab
            key={name}
            label={planLabel(name)}
            active={name === active}
            onChangeTab={() => setActive(name)}
            counter={errors.filter((e) => e.field.startsWith(`plans.${name}.`)).length || undefined}
          />
        ))}
      </TabsBar>
      <TabContent>
        <Stack direction="row" gap={2} wrap="wrap">
          {text('scrapeInterval', t('config.plans.scrape-interval', 'Scrape interval'), undefined, 12)}
          {text('evaluationInterval', t('config.plans.evaluation-interval', 'Evaluation interval'), undefined, 12)}
          {text('namespace', t('config.plans.namespace', 'ConfigMap namespace'), undefined, 30)}
        </Stack>
        {text(
          'remoteWriteUrl',
          t('config.plans.remote-write-url', 'Remote-write URL'),
          t(
            'config.plans.remote-write-url-description',
            'The central Prometheus; empty keeps the samples in the workspace.'
          )
        )}
        {text(
          'tenantHeader',
          t('config.plans.tenant-header', 'Tenant header'),
          t(
            'config.plans.tenant-header-description',
            'Sent with every write, its value the workspace id; empty sends none.'
          ),
          30
        )}
        {text(
          'platformTenant',
          t('config.plans.platform-tenant', 'Platform tenant'),
          t(
            'config.plans.platform-tenant-description',
            'On a multi-tenant store (Cortex, Mimir): a second write, of only the series the app reads, to this tenant, which the app reads across every workspace; empty writes once.'
          ),
          30
        )}
        <Stack direction="row" gap={2} wrap="wrap">
          {QUEUE_KEYS.map((key) => (
            <Field key={key} label={queueLabel(key)} invalid={Boolean(err(`queue.${key}`))} error={err(`queue.${key}`)}>
              <Input
                id={`hexabase-plan-${active}-queue-${key}`}
                width={14}
                inputMode="numeric"
                value={plan.queue[key]}
                onChange={(e) => set({ queue: { ...plan.queue, [key]: e.currentTarget.value } })}
              />
            </Field>
          ))}
        </Stack>
        <FieldGroup label={t('config.plans.jobs', 'Scrape jobs')} error={err('jobs')}>
          <Stack direction="column" gap={0.5}>
            {JOB_NAMES.map((job) => (
              <Checkbox
                key={job}
                label={job}
                description={jobDescription(job)}
                value={plan.jobs.includes(job)}
                onChange={(e) =>
                  set({ jobs: e.currentTarget.checked ? [...plan.jobs, job] : plan.jobs.filter((j) => j !== job) })
                }
              />
            ))}
          </Stack>
        </FieldGroup>
        {text(
          'alertmanagerTarget',
          t('config.plans.alertmanager', 'Alertmanager (host:port)'),
          t(
            'config.plans.alertmanager-description',
            "Set it and the workspace's Prometheus evaluates the workspace alert rules and sends them there."
          ),
          30
        )}
        {text(
          'ruleFiles',
          t('config.plans.rule-files', 'Additional rule files'),
          t('config.plans.rule-files-description', 'Paths or globs inside the workspace, separated by commas.')
        )}
        <Field
          label={t('config.plans.availability-objective', 'Availability objective (0.9–1)')}
          description={t(
            'config.plans.availability-objective-description',
            'Share of a workspace’s requests that must not be answered 5xx over 30 days, such as 0.999; the error-budget burn alerts and the budget left are measured against it.'
          )}
          invalid={Boolean(err('availabilityObjective'))}
          error={err('availabilityObjective')}
        >
          <Input
            id={`hexabase-plan-${active}-availabilityObjective`}
            width={14}
            inputMode="decimal"
            value={plan.availabilityObjective}
            onChange={(e) => set({ availabilityObjective: e.currentTarget.value })}
          />
        </Field>
        <FieldGroup
          label={t('config.plans.thresholds', 'Alert threshold overrides')}
          description={t(
            'config.plans.thresholds-description',
            "Used by the workspace's own Prometheus; empty keeps the app's default, shown greyed."
          )}
          error={err('thresholds')}
        >
          <Stack direction="column" gap={1}>
            {THRESHOLD_KEYS.map((key) => (
              <Field
                key={key}
                label={thresholdLabel(key)}
                invalid={Boolean(err(`thresholds.${key}`))}
                error={err(`thresholds.${key}`)}
              >
                <Input
                  id={`hexabase-plan-${active}-threshold-${key}`}
                  width={14}
                  inputMode="decimal"
                  placeholder={String(DEFAULT_THRESHOLDS[key])}
                  value={plan.thresholds[key]}
                  onChange={(e) => set({ thresholds: { ...plan.thresholds, [key]: e.currentTarget.value } })}
                />
              </Field>
            ))}
          </Stack>
        </FieldGroup>
      </TabContent>
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  group: css({ marginBottom: theme.spacing(2) }),
});
