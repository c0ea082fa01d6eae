import React, { useState } from 'react';
import { t } from '@grafana/i18n';
import { Button, Field, Input, RadioButtonGroup, Stack } from '@grafana/ui';

import { PLAN_NAMES } from '../../generated/plans';
import type { WorkspaceSettings } from '../../settings/plans';
import { errorOf } from './settingsForm';
import { workspaceEditErrors } from './workspacesForm';

interface Props {
  /** The workspace being edited, or undefined to add one. */
  original?: WorkspaceSettings;
  manual: WorkspaceSettings[];
  onApply: (ws: WorkspaceSettings) => void;
  onCancel: () => void;
}

/** Adds a workspace by hand, or sets the cluster and plan of one; nothing is saved until Save. */
export function WorkspaceEditor({ original, manual, onApply, onCancel }: Props) {
  const [draft, setDraft] = useState<WorkspaceSettings>(original ?? { id: '', clusterId: '', plan: 'shared' });
  const [errors, setErrors] = useState<Array<{ field: string; rule: string }>>([]);
  const apply = () => {
    const found = workspaceEditErrors(draft, manual, original?.id);
    setErrors(found);
    if (found.length === 0) {
      onApply(draft);
    }
  };
  const text = (key: 'id' | 'clusterId', label: string, disabled: boolean) => (
    <Field label={label} invalid={Boolean(errorOf(errors, key))} error={errorOf(errors, key)}>
      <Input
        id={`hexabase-workspace-${key}`}
        width={30}
        value={draft[key]}
        disabled={disabled}
        onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  return (
    <Stack direction="row" gap={2} alignItems="flex-start" wrap="wrap">
      {text('id', t('config.workspaces.id', 'Workspace id'), Boolean(original))}
      {text('clusterId', t('config.workspaces.cluster', 'Cluster id'), false)}
      <Field
        label={t('config.workspaces.plan', 'Plan')}
        invalid={Boolean(errorOf(errors, 'plan'))}
        error={errorOf(errors, 'plan')}
      >
        <RadioButtonGroup
          id="hexabase-workspace-plan"
          value={draft.plan}
          options={PLAN_NAMES.map((p) => ({ value: p, label: p }))}
          onChange={(plan) => setDraft({ ...draft, plan })}
        />
      </Field>
      <Stack direction="row" gap={1}>
        <Button onClick={apply}>
          {original ? t('config.workspaces.apply-edit', 'Apply') : t('config.workspaces.apply-add', 'Add')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('config.workspaces.cancel', 'Cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}
