import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import {
  SceneObjectBase,
  VariableDependencyConfig,
  sceneGraph,
  type SceneComponentProps,
  type SceneObjectState,
} from '@grafana/scenes';
import { Alert, FilterInput, Pagination, RadioButtonGroup, Stack, TextLink, useStyles2 } from '@grafana/ui';

import { fetchWorkspaceHealth, type HealthEntry, type HealthListing, type HealthSort } from '../../api/health';
import { WorkspaceListingAlerts, listTableStyle } from '../../components/WorkspaceListingAlerts';
import { ROUTES, prefixRoute } from '../../constants';
import { selectedValues } from '../../scenes/selectedValues';
import { VAR_CLUSTER, VAR_DATASOURCE, VAR_PLAN } from '../../scenes/variableNames';
import { CoverageSummary } from './CoverageSummary';
import { fetchFiringByWorkspace } from './firingAlerts';
import {
  budgetCell,
  burnRateCell,
  dataAgeCell,
  errorRatioCell,
  latencyCell,
  quotaCell,
  vclustersCell,
  worstCell,
  type Cell,
} from './healthCells';

export const LIST_PER_PAGE = 50;
const SEARCH_DELAY_MS = 300;

interface WorkspaceListState extends SceneObjectState {
  search: string;
  page: number;
  sort: HealthSort;
  listing?: HealthListing;
  error?: string;
  /** Firing alert instances of each listed workspace, once Grafana answered. */
  firing?: Map<string, number>;
  firingError?: string;
}

/**
 * Every workspace the app knows, ranked by health a page at a time: the backend ranks, searches
 * and pages them from recorded series; the browser asks Prometheus nothing and Grafana only for the
 * firing alerts of the page shown.
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
    super({ search: '', page: 1, sort: 'health', ...state });
    this.addActivationHandler(() => {
      this.load();
      return () => clearTimeout(this.searchTimer);
    });
  }

  setPage(page: number) {
    this.setState({ page });
    this.load();
  }

  setSort(sort: HealthSort) {
    this.setState({ sort, page: 1 });
    this.load();
  }

  setSearch(search: string) {
    this.setState({ search, page: 1 });
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.load(), SEARCH_DELAY_MS);
  }

  /** Reads the current page, then its firing alerts; an answer that a newer request overtook is dropped. */
  async load() {
    const request = ++this.request;
    const { search, page, sort } = this.state;
    try {
      const listing = await fetchWorkspaceHealth({
        search,
        page,
        perPage: LIST_PER_PAGE,
        sort,
        filters: { plans: selectedValues(this, VAR_PLAN), clusters: selectedValues(this, VAR_CLUSTER) },
      });
      if (request !== this.request) {
        return;
      }
      this.setState({ listing, error: undefined, firing: undefined, firingError: undefined });
      await this.loadFiring(
        request,
        listing.page.items.map((w) => w.id)
      );
    } catch (err) {
      if (request === this.request) {
        this.setState({ error: (err as Error).message });
      }
    }
  }

  private async loadFiring(request: number, ids: string[]) {
    try {
      const firing = await fetchFiringByWorkspace(ids);
      if (request === this.request) {
        this.setState({ firing });
      }
    } catch (err) {
      if (request === this.request) {
        this.setState({ firingError: (err as Error).message });
      }
    }
  }
}

function sortOptions(): Array<{ value: HealthSort; label: string }> {
  return [
    { value: 'health', label: t('workspaces.sort-health', 'Worst first') },
    { value: 'budget', label: t('workspaces.sort-budget', 'Least error budget left') },
    { value: 'age', label: t('workspaces.sort-age', 'Oldest data') },
    { value: 'id', label: t('workspaces.sort-id', 'Id') },
  ];
}

function CellView({ cell, className }: { cell: Cell; className?: string }) {
  const s = useStyles2(getStyles);
  return (
    <td className={cell.bad ? s.bad : className}>
      {cell.text}
      {cell.note && <div className={s.note}>{cell.note}</div>}
    </td>
  );
}

function firingCell(firing: Map<string, number> | undefined, id: string): Cell {
  const n = firing?.get(id);
  return n === undefined ? { text: '–' } : { text: String(n), bad: n > 0 };
}

function HealthRow({ entry, href, firing }: { entry: HealthEntry; href: string; firing?: Map<string, number> }) {
  const cells = [
    worstCell,
    vclustersCell,
    errorRatioCell,
    latencyCell,
    quotaCell,
    budgetCell,
    burnRateCell,
    dataAgeCell,
  ].map((cell) => cell(entry));
  return (
    <tr>
      <td>
        <TextLink href={href} inline={false}>
          {entry.id}
        </TextLink>
      </td>
      <td>{entry.plan}</td>
      <td>{entry.clusterId}</td>
      {cells.map((cell, i) => (
        <CellView key={i} cell={cell} />
      ))}
      <CellView cell={firingCell(firing, entry.id)} />
    </tr>
  );
}

function columns(): string[] {
  return [
    t('workspaces.column-workspace', 'Workspace'),
    t('workspaces.column-plan', 'Plan'),
    t('workspaces.column-cluster', 'Cluster'),
    t('workspaces.column-worst', 'Worst signal'),
    t('workspaces.column-vclusters-down', 'vClusters down / total'),
    t('workspaces.column-errors', '5xx share'),
    t('workspaces.column-latency', 'p95'),
    t('workspaces.column-quota', 'Worst quota'),
    t('workspaces.column-budget', 'Error budget left'),
    t('workspaces.column-burn', 'Burn rate (1h)'),
    t('workspaces.column-data-age', 'Data age'),
    t('workspaces.column-firing', 'Firing alerts'),
  ];
}

function WorkspaceListRenderer({ model }: SceneComponentProps<WorkspaceList>) {
  const { search, page, sort, listing, error, firing, firingError } = model.useState();
  const s = useStyles2(getStyles);
  // The drill-down keeps the time range and the Prometheus the operator chose.
  const linkQuery = sceneGraph.interpolate(model, `\${__url_time_range}&\${${VAR_DATASOURCE}:queryparam}`);
  const items = listing?.page.items ?? [];
  const pages = listing ? Math.max(1, Math.ceil(listing.page.total / listing.page.perPage)) : 1;

  return (
    <Stack direction="column" gap={1}>
      <span className={s.secondary}>
        {t(
          'workspaces.order',
          'Worst first: each workspace is ranked by its worst signal measured against the threshold of the alert that watches it (1 = at the threshold), so every workspace past an alert threshold comes before any that is not.'
        )}
      </span>
      {listing?.coverage && <CoverageSummary coverage={listing.coverage} onSortByAge={() => model.setSort('age')} />}
      <Stack direction="row" gap={1} alignItems="center">
        {/* The backend matches the text as typed, not as a regex. */}
        <FilterInput
          value={search}
          escapeRegex={false}
          onChange={(v) => model.setSearch(v)}
          placeholder={t('workspaces.search', 'Search by workspace, cluster or plan')}
        />
        <RadioButtonGroup
          aria-label={t('workspaces.sort', 'Order')}
          options={sortOptions()}
          value={sort}
          onChange={(v) => model.setSort(v)}
        />
      </Stack>
      <WorkspaceListingAlerts listing={listing} error={error} />
      {firingError && (
        <Alert severity="warning" title={t('workspaces.firing-failed', 'Firing alerts could not be read')}>
          {firingError}
        </Alert>
      )}
      <table className={s.table} data-testid="workspace-list">
        <thead>
          <tr>
            {columns().map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <HealthRow
              key={w.id}
              entry={w}
              firing={firing}
              href={`${prefixRoute(ROUTES.Workspaces)}/${encodeURIComponent(w.id)}?${linkQuery}`}
            />
          ))}
        </tbody>
      </table>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <span className={s.secondary}>
          {t('workspaces.total', '{{count}} workspaces', { count: listing?.page.total ?? 0 })}
          {listing?.evaluatedAt &&
            ` · ${t('workspaces.evaluated-at', 'signals read {{time}}', { time: dateTimeFormat(listing.evaluatedAt) })}`}
        </span>
        <Pagination currentPage={page} numberOfPages={pages} onNavigate={(p) => model.setPage(p)} hideWhenSinglePage />
      </Stack>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: listTableStyle(theme),
  bad: css({ color: theme.colors.error.text }),
  note: css({ color: theme.colors.warning.text, fontSize: theme.typography.bodySmall.fontSize }),
  secondary: css({ color: theme.colors.text.secondary }),
});
