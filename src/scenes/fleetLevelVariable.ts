import { ConstantVariable, MultiValueVariable, sceneGraph } from '@grafana/scenes';
import { VariableHide } from '@grafana/schema';

import { LEVELS, VAR_LEVEL, VAR_WORKSPACE, VAR_WORKSPACE_EXPR } from './variableNames';

/**
 * The recording level that answers the fleet selection, as the prefix of a recorded series' name
 * (`${level}:hexabase_http_requests:rate5m`): the plan and cluster level while every workspace is
 * selected, tens of series whatever the fleet's size; the workspace level once some are picked.
 * Its value refers to the workspace variable, so the variable set updates it after that one and
 * the panels wait for it.
 */
export class FleetLevelVariable extends ConstantVariable {
  constructor() {
    super({ name: VAR_LEVEL, value: VAR_WORKSPACE_EXPR, hide: VariableHide.hideVariable });
  }

  getValue(): string {
    const workspace = sceneGraph.lookupVariable(VAR_WORKSPACE, this);
    return workspace instanceof MultiValueVariable && workspace.hasAllValue() ? LEVELS.planCluster : LEVELS.workspace;
  }
}
