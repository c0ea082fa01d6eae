import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import {
  SceneObjectBase,
  VariableDependencyConfig,
  sceneGraph,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneQueryRunner,
} from '@grafana/scenes';
import { FilterInput, Pagination, Stack, TextLink, useStyles2 } from '@grafana/ui';

import { fetchWorkspaces, type WorkspaceListing } from '../../api/workspaces';
import { workspaceSourceLabel } from '../../api/workspaceSource';
import { WorkspaceListingAlerts, listTableStyle } from '../../components/WorkspaceListingAlerts';
import { ROUTES, prefixRoute } from '../../constants';
import { listedVclustersHealthyQuery, listedVclustersTotalQuery, workspacesRegex } from '../../queries/fleet';
import { promQueryRunner } from '../../scenes/dataRunners';
import { selectedValues } from '../../scenes/selectedValues';
import { VAR_CLUSTER, VAR_DATASOURCE, VAR_PLAN } from '../../scenes/variableNames';
import { LISTED_REFS, vclusterCounts } from './listedVclusters';

export const LIST_PER_PAGE = 50;
const SEARCH_DELAY_MS = 300;

interface WorkspaceListState extends SceneObjectState {
  search: string;
  page: number;
  listing?: WorkspaceListing;
  error?: string;
  $data: SceneQueryRunner;
}

/** The instant queries of one page of workspaces; none for an empty page. */
export function listedQueries(ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  const workspaces = workspacesRegex(ids);
  return [
    { refId: LISTED_REFS.healthy, expr: listedVclustersHealthyQuery(workspaces), instant: true, range: false },
    { refId: LISTED_REFS.total, expr: listedVclustersTotalQuery(workspaces), instant: true, range: false },
  ];
}

/**
 * Every workspace the app knows, a page at a time: the backend pages and searches its index of
 * discovered and hand-added workspaces, and Prometheus is asked only about the page shown.
 */
export class WorkspaceList extends SceneObjectBase<WorkspaceListState> {
  static Component = WorkspaceListRenderer;

  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: [VAR_PLAN, VAR_CLUSTER],
    onReferencedVariableValueChanged: () => this.setPage(1),
  });

  private request = 0;
  private searchTimer?: ReturnType<typeof setTimeout>;

  constructor(state: Partial<WorkspaceListState> = {}) {
    super({ search: '', page: 1, $data: promQueryRunner([], 1), ...state });
    this.addActivationHandler(() => {
      this.load();
      return () => clearTimeout(this.searchTimer);
    });
  }

  setPage(page: number) {
    this.setState({ page });
    this.load();
  }

  setSearch(search: string) {
    this.setState({ search, page: 1 });
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.load(), SEARCH_DELAY_MS);
  }

  /** Reads the current page; an answer that a newer request overtook is dropped. */
  async load() {
    const request = ++this.request;
    const { search, page } = this.state;
    try {
      const listing = await fetchWorkspaces(search, page, LIST_PER_PAGE, {
        plans: selectedValues(this, VAR_PLAN),
        clusters: selectedValues(this, VAR_CLUSTER),
      });
      if (request !== this.request) {
        return;
      }
      this.setState({ listing, error: undefined });
      this.state.$data.setState({ queries: listedQueries(listing.page.items.map((w) => w.id)) });
      this.state.$data.runQueries();
    } catch (err) {
      if (request === this.request) {
        this.setState({ error: (err as Error).message });
      }
    }
  }
}

function count(n: number | undefined): string {
  return n === undefined ? '–' : String(n);
}

function WorkspaceListRenderer({ model }: SceneComponentProps<WorkspaceList>) {
  const { search, page, listing, error } = model.useState();
  const { data } = model.state.$data.useState();
  const counts = useMemo(() => vclusterCounts(data?.series), [data]);
  const s = useStyles2(getStyles);
  // The drill-down keeps the time range and the Prometheus the operator chose.
  const linkQuery = sceneGraph.interpolate(model, `\${__url_time_range}&\${${VAR_DATASOURCE}:queryparam}`);
  const items = listing?.page.items ?? [];
  const pages = listing ? Math.max(1, Math.ceil(listing.page.total / listing.page.perPage)) : 1;

  return (
    <Stack direction="column" gap={1}>
      {/* The backend matches the text as typed, not as a regex. */}
      <FilterInput
        value={search}
        escapeRegex={false}
        onChange={(v) => model.setSearch(v)}
        placeholder={t('workspaces.search', 'Search by workspace, cluster or plan')}
      />
      <WorkspaceListingAlerts listing={listing} error={error} />
      <table className={s.table} data-testid="workspace-list">
        <thead>
          <tr>
            <th>{t('workspaces.column-workspace', 'Workspace')}</th>
            <th>{t('workspaces.column-plan', 'Plan')}</th>
            <th>{t('workspaces.column-cluster', 'Cluster')}</th>
            <th>{t('workspaces.column-vclusters', 'vClusters up / total')}</th>
            <th>{t('workspaces.column-source', 'Known from')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => {
            const c = counts.get(w.id);
            return (
              <tr key={w.id}>
                <td>
                  <TextLink
                    href={`${prefixRoute(ROUTES.Workspaces)}/${encodeURIComponent(w.id)}?${linkQuery}`}
                    inline={false}
                  >
                    {w.id}
                  </TextLink>
                </td>
                <td>{w.plan}</td>
                <td>{w.clusterId}</td>
                <td className={c && c.healthy !== undefined && c.healthy < (c.total ?? 0) ? s.down : undefined}>
                  {c
                    ? t('workspaces.vclusters', '{{healthy}} / {{total}}', {
                        healthy: count(c.healthy),
                        total: count(c.total),
                      })
                    : count(undefined)}
                </td>
                <td>{workspaceSourceLabel(w.source)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <span className={s.total}>
          {t('workspaces.total', '{{count}} workspaces', { count: listing?.page.total ?? 0 })}
        </span>
        <Pagination currentPage={page} numberOfPages={pages} onNavigate={(p) => model.setPage(p)} hideWhenSinglePage />
      </Stack>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: listTableStyle(theme),
  down: css({ color: theme.colors.error.text }),
  total: css({ color: theme.colors.text.secondary }),
});
