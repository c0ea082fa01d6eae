import { t } from '@grafana/i18n';
import {
  MultiValueVariable,
  VariableDependencyConfig,
  type MultiValueVariableState,
  type VariableGetOptionsArgs,
  type VariableValueOption,
} from '@grafana/scenes';
import { from, type Observable } from 'rxjs';

import { fetchWorkspaces } from '../api/workspaces';
import { selectedValues } from './selectedValues';
import { FLEET_ALL_VALUES, VAR_CLUSTER, VAR_PLAN, VAR_WORKSPACE } from './variableNames';

/** How many workspaces the menu offers at once; typing searches the rest. */
export const WORKSPACE_OPTIONS = 100;
const SEARCH_DELAY_MS = 300;

/**
 * The workspace picker of the fleet pages. Its options come from the backend's index of
 * discovered and hand-added workspaces, a page at a time and searched as the operator types:
 * asking Prometheus for the label values of 10,000 workspaces over the time range costs more
 * than a whole page of panels. The workspaces are those of the app's configured Prometheus.
 */
export class WorkspaceVariable extends MultiValueVariable<MultiValueVariableState> {
  protected _variableDependency = new VariableDependencyConfig(this, { variableNames: [VAR_PLAN, VAR_CLUSTER] });

  private searchTimer?: ReturnType<typeof setTimeout>;
  private search = 0;

  constructor(state: Partial<MultiValueVariableState> = {}) {
    super({
      type: 'custom',
      name: VAR_WORKSPACE,
      label: t('variables.workspace', 'Workspace'),
      value: [],
      text: [],
      options: [],
      isMulti: true,
      includeAll: true,
      defaultToAll: true,
      allValue: FLEET_ALL_VALUES[VAR_WORKSPACE],
      ...state,
    });
    this.addActivationHandler(() => () => clearTimeout(this.searchTimer));
  }

  getValueOptions(args: VariableGetOptionsArgs): Observable<VariableValueOption[]> {
    return from(this.optionsFor(args.searchFilter ?? ''));
  }

  /** The menu's search: asks the backend once typing stops; an answer a newer search overtook is dropped. */
  onSearchChange = (searchFilter: string) => {
    clearTimeout(this.searchTimer);
    const search = ++this.search;
    this.searchTimer = setTimeout(async () => {
      const options = await this.optionsFor(searchFilter).catch(() => undefined);
      if (options && search === this.search) {
        this.setState({ options });
      }
    }, SEARCH_DELAY_MS);
  };

  /** A page of matching workspaces, after the ones chosen (from a link, say), which stay valid off that page. */
  private async optionsFor(search: string): Promise<VariableValueOption[]> {
    const listing = await fetchWorkspaces(search, 1, WORKSPACE_OPTIONS, {
      plans: selectedValues(this, VAR_PLAN),
      clusters: selectedValues(this, VAR_CLUSTER),
    });
    const chosen = search === '' ? (selectedValues(this, VAR_WORKSPACE) ?? []) : [];
    const ids = [...new Set([...chosen, ...listing.page.items.map((w) => w.id)])];
    return ids.map((id) => ({ label: id, value: id }));
  }
}
