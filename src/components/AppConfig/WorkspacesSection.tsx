import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, Badge, Button, FieldSet, FilterInput, Pagination, Stack, useStyles2 } from '@grafana/ui';

import type { WorkspaceSettings } from '../../settings/plans';
import { AgentConfigDrawer } from './AgentConfigDrawer';
import { WorkspaceEditor } from './WorkspaceEditor';
import { fetchWorkspaces, type WorkspaceListing } from '../../api/workspaces';
import { workspaceSourceLabel } from '../../api/workspaceSource';
import { WorkspaceListingAlerts, listTableStyle } from '../WorkspaceListingAlerts';
import {
  pendingChanges,
  removeWorkspace,
  rowViews,
  upsertWorkspace,
  type RowState,
  type RowView,
} from './workspacesForm';

export const PER_PAGE = 50;
const SEARCH_DELAY_MS = 300;

interface Props {
  /** The manual workspaces as saved; the listing shows the saved state. */
  saved: WorkspaceSettings[];
  /** The manual workspaces in the form. */
  workspaces: WorkspaceSettings[];
  /** Changes after each save, so that the listing is read again. */
  savedVersion: number;
  /** Whether plans or other settings differ from the saved ones. */
  dirty: boolean;
  onChange: (workspaces: WorkspaceSettings[]) => void;
}

function StateBadge({ state }: { state: RowState }) {
  switch (state) {
    case 'added':
      return <Badge color="green" text={t('config.workspaces.state-added', 'added, not saved')} />;
    case 'changed':
      return <Badge color="orange" text={t('config.workspaces.state-changed', 'changed, not saved')} />;
    case 'removed':
      return <Badge color="red" text={t('config.workspaces.state-removed', 'removed, not saved')} />;
    default:
      return null;
  }
}

type Editing = { original?: WorkspaceSettings } | undefined;

/** The workspaces reported by metrics and added by hand: search, pages, add, edit, remove, agent config. */
export function WorkspacesSection({ saved, workspaces, savedVersion, dirty, onChange }: Props) {
  const s = useStyles2(getStyles);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [listing, setListing] = useState<WorkspaceListing | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<Editing>();
  const [preview, setPreview] = useState<string | undefined>();

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let live = true;
    fetchWorkspaces(query, page, PER_PAGE).then(
      (l) => {
        if (!live) {
          return;
        }
        const last = Math.max(1, Math.ceil(l.page.total / PER_PAGE));
        if (page > last) {
          setPage(last); // the page emptied after a save or a narrower search: show the last one
          return;
        }
        setListing(l);
        setError(undefined);
      },
      (err: Error) => live && setError(err.message)
    );
    return () => {
      live = false;
    };
  }, [query, page, savedVersion]);

  const changes = useMemo(() => pendingChanges(saved, workspaces), [saved, workspaces]);
  const rows = useMemo(() => rowViews(listing?.page.items ?? [], saved, workspaces), [listing, saved, workspaces]);
  const listed = useMemo(() => new Set(rows.map((r) => r.workspace.id)), [rows]);
  // Added here and not in the saved listing yet: shown above it, so that they can be edited too.
  const unsavedAdded = changes.added.filter((w) => !listed.has(w.id));
  const pages = listing ? Math.max(1, Math.ceil(listing.page.total / PER_PAGE)) : 1;
  const unsavedCount = changes.added.length + changes.changed.length + changes.removed.length;

  const row = (r: RowView) => (
    <tr key={r.workspace.id} className={r.state === 'removed' && r.source === 'manual' ? s.removed : undefined}>
      <td>
        <code>{r.workspace.id}</code>
      </td>
      <td>{r.workspace.clusterId}</td>
      <td>{r.workspace.plan}</td>
      <td>{workspaceSourceLabel(r.source)}</td>
      <td>
        <StateBadge state={r.state} />
      </td>
      <td>
        <Stack direction="row" gap={1} justifyContent="flex-end">
          <Button size="sm" variant="secondary" icon="pen" onClick={() => setEditing({ original: r.workspace })}>
            {t('config.workspaces.edit', 'Edit')}
          </Button>
          {r.manual && (
            <Button
              size="sm"
              variant="destructive"
              fill="outline"
              icon="trash-alt"
              onClick={() => onChange(removeWorkspace(workspaces, r.workspace.id))}
            >
              {t('config.workspaces.remove', 'Remove')}
            </Button>
          )}
          <Button size="sm" variant="secondary" icon="file-alt" onClick={() => setPreview(r.workspace.id)}>
            {t('config.workspaces.agent-config', 'Agent config')}
          </Button>
        </Stack>
      </td>
    </tr>
  );

  return (
    <FieldSet label={t('config.workspaces.title', 'Workspaces')}>
      <Stack direction="column" gap={2}>
        <Stack direction="row" gap={2} justifyContent="space-between">
          <FilterInput
            value={search}
            escapeRegex={false}
            onChange={setSearch}
            placeholder={t('config.workspaces.search', 'Search by workspace, cluster or plan')}
            width={50}
          />
          <Button icon="plus" onClick={() => setEditing({})} disabled={Boolean(editing)}>
            {t('config.workspaces.add', 'Add workspace')}
          </Button>
        </Stack>
        {editing && (
          <WorkspaceEditor
            key={editing.original?.id ?? ''}
            original={editing.original}
            manual={workspaces}
            onApply={(ws) => {
              onChange(upsertWorkspace(workspaces, ws, editing.original?.id));
              setEditing(undefined);
            }}
            onCancel={() => setEditing(undefined)}
          />
        )}
        {unsavedCount > 0 && (
          <Alert severity="info" title={t('config.workspaces.unsaved', 'Workspace changes are not saved yet')}>
            {t(
              'config.workspaces.unsaved-body',
              '{{added}} added, {{changed}} changed, {{removed}} removed. Save the settings to apply them.',
              {
                added: changes.added.length,
                changed: changes.changed.length,
                removed: changes.removed.length,
              }
            )}
          </Alert>
        )}
        <WorkspaceListingAlerts listing={listing} error={error} />
        <table className={s.table} data-testid="workspaces-table">
          <thead>
            <tr>
              <th>{t('config.workspaces.id', 'Workspace id')}</th>
              <th>{t('config.workspaces.cluster', 'Cluster id')}</th>
              <th>{t('config.workspaces.plan', 'Plan')}</th>
              <th>{t('config.workspaces.source', 'Known from')}</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {unsavedAdded.map((w) => row({ workspace: w, source: 'manual', state: 'added', manual: true }))}
            {rows.map(row)}
          </tbody>
        </table>
        <Stack direction="row" justifyContent="space-between" alignItems="center">
          <Stack direction="row" gap={1} alignItems="center">
            <span className={s.total}>
              {t('config.workspaces.total', '{{count}} workspaces', { count: listing?.page.total ?? 0 })}
            </span>
            {listing?.discoveredAt && (
              <span className={s.total}>
                {t('config.workspaces.discovered', 'read from metrics at {{time}}', {
                  time: dateTimeFormat(listing.discoveredAt),
                })}
                {listing.refreshing && ' · ' + t('config.workspaces.refreshing', 'refreshing')}
              </span>
            )}
          </Stack>
          <Pagination currentPage={page} numberOfPages={pages} onNavigate={setPage} hideWhenSinglePage />
        </Stack>
      </Stack>
      {preview && (
        <AgentConfigDrawer
          key={preview}
          workspaceId={preview}
          unsaved={dirty || unsavedCount > 0}
          onClose={() => setPreview(undefined)}
        />
      )}
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: listTableStyle(theme),
  removed: css({ textDecoration: 'line-through', color: theme.colors.text.secondary }),
  total: css({ color: theme.colors.text.secondary }),
});
