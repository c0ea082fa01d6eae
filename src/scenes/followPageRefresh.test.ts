import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';

import { followPageRefresh } from './followPageRefresh';

function pageWithNinetyDays() {
  const page = new SceneTimeRange({ from: 'now-1h', to: 'now' });
  const ninetyDays = new SceneTimeRange({ from: 'now-90d', to: 'now' });
  const item = new SceneFlexItem({ $timeRange: ninetyDays, $behaviors: [followPageRefresh], body: undefined });
  const scene = new EmbeddedScene({ $timeRange: page, body: new SceneFlexLayout({ children: [item] }) });
  scene.activate();
  const deactivate = item.activate();
  return { page, ninetyDays, deactivate };
}

describe('followPageRefresh', () => {
  it('re-evaluates the nested range each time the page range is refreshed', () => {
    const { page, ninetyDays } = pageWithNinetyDays();
    const before = ninetyDays.state.value;
    page.onRefresh();
    expect(ninetyDays.state.value).not.toBe(before);
    expect(ninetyDays.state.from).toBe('now-90d');
    const second = ninetyDays.state.value;
    page.onRefresh();
    expect(ninetyDays.state.value).not.toBe(second);
  });

  it('leaves the 90 days alone when the page switches to another range', () => {
    const { page, ninetyDays } = pageWithNinetyDays();
    const before = ninetyDays.state.value;
    page.setState({ from: 'now-6h', value: { ...page.state.value } });
    expect(ninetyDays.state.value).toBe(before);
  });

  it('stops following once deactivated', () => {
    const { page, ninetyDays, deactivate } = pageWithNinetyDays();
    deactivate();
    const before = ninetyDays.state.value;
    page.onRefresh();
    expect(ninetyDays.state.value).toBe(before);
  });
});
