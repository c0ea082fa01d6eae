import {
  EmbeddedScene,
  SceneFlexLayout,
  SceneVariableSet,
  SceneVariableValueChangedEvent,
  TestVariable,
} from '@grafana/scenes';

import { FleetLevelVariable } from './fleetLevelVariable';
import { LEVELS, VAR_WORKSPACE } from './variableNames';

function sceneWith(value: string | string[]) {
  const workspace = new TestVariable({
    name: VAR_WORKSPACE,
    isMulti: true,
    includeAll: true,
    value,
    optionsToReturn: [
      { label: 'ws-1', value: 'ws-1' },
      { label: 'ws-2', value: 'ws-2' },
    ],
    delayMs: 0,
  });
  const level = new FleetLevelVariable();
  const scene = new EmbeddedScene({
    $variables: new SceneVariableSet({ variables: [workspace, level] }),
    body: new SceneFlexLayout({ children: [] }),
  });
  scene.activate();
  return { workspace, level };
}

describe('the recording level of the fleet selection', () => {
  it('is the plan and cluster level while every workspace is selected', () => {
    expect(sceneWith('$__all').level.getValue()).toBe(LEVELS.planCluster);
  });

  it('is the workspace level once workspaces are picked, and follows the selection', () => {
    const { workspace, level } = sceneWith(['ws-1']);
    expect(level.getValue()).toBe(LEVELS.workspace);
    workspace.changeValueTo('$__all');
    expect(level.getValue()).toBe(LEVELS.planCluster);
    workspace.changeValueTo(['ws-1', 'ws-2']);
    expect(level.getValue()).toBe(LEVELS.workspace);
  });

  it('tells the panels when it changes, so that they query the other level', () => {
    const { workspace, level } = sceneWith('$__all');
    const changes: string[] = [];
    level.subscribeToEvent(SceneVariableValueChangedEvent, (e) => changes.push(String(e.payload.getValue())));
    workspace.changeValueTo(['ws-2']);
    workspace.changeValueTo(['ws-1']);
    workspace.changeValueTo('$__all');
    expect(changes).toEqual([LEVELS.workspace, LEVELS.planCluster]);
  });
});
