import React from 'react';
import { t } from '@grafana/i18n';
import { Field, FieldSet, Input } from '@grafana/ui';

import { errorOf, type FormError, type SettingsForm } from './settingsForm';

interface Props {
  form: SettingsForm;
  errors: FormError[];
  onChange: (update: (prev: SettingsForm) => SettingsForm) => void;
}

/** How the Alerts page and the Overview group firing alerts into incidents. */
export function IncidentsSection({ form, errors, onChange }: Props) {
  const error = errorOf(errors, 'incidents.platformWideShare');
  return (
    <FieldSet label={t('config.incidents.title', 'Incidents')}>
      <Field
        label={t('config.incidents.platform-wide-share', 'Platform-wide share (0–1)')}
        description={t(
          'config.incidents.platform-wide-share-description',
          'An incident is flagged platform-wide when, in some cluster, the workspaces it covers are at least this share of the cluster’s workspaces.'
        )}
        invalid={Boolean(error)}
        error={error}
      >
        <Input
          id="hexabase-incidents-platformWideShare"
          width={14}
          inputMode="decimal"
          value={form.platformWideShare}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange((prev) => ({ ...prev, platformWideShare: value }));
          }}
        />
      </Field>
    </FieldSet>
  );
}
