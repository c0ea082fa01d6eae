import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
  type SceneFlexItem,
  type SceneVariable,
} from '@grafana/scenes';

interface PageSceneOptions {
  variables: SceneVariable[];
  rows: SceneFlexItem[];
  from?: string;
}

/** The frame every page shares: time range, variables, controls and a vertical layout. */
export function buildPageScene({ variables, rows, from = 'now-1h' }: PageSceneOptions): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from, to: 'now' }),
    $variables: new SceneVariableSet({ variables }),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['30s', '1m', '5m', '15m'], isOnCanvas: true }),
    ],
    body: new SceneFlexLayout({ direction: 'column', children: rows }),
  });
}
