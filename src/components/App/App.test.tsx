import React from 'react';
import { render, screen } from '@testing-library/react';
import type { AppRootProps } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';

import { buildSceneApp } from '../../app/sceneApp';
import { cachedSceneApps } from '../../app/sceneAppCache';
import type { AppJsonData } from '../../settings/appSettings';
import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import App from './App';

// A stand-in for the app's SceneApp that says which one is rendered.
class MockProbeApp extends SceneObjectBase<SceneObjectState & { prometheusUid: string; serial: number }> {
  static Component = ({ model }: SceneComponentProps<MockProbeApp>) => (
    <div data-testid="scene-app">{`${model.state.prometheusUid} #${model.state.serial}`}</div>
  );
}

let mockSerial = 0;
jest.mock('../../app/sceneApp', () => ({
  buildSceneApp: jest.fn(
    (jsonData?: AppJsonData) =>
      new MockProbeApp({ prometheusUid: jsonData?.datasources?.prometheusUid ?? 'default', serial: ++mockSerial })
  ),
}));

const props = (jsonData: AppJsonData) => ({ meta: { jsonData } }) as unknown as AppRootProps<AppJsonData>;

afterEach(resetAppSubUrl);

describe('App', () => {
  it('builds the SceneApp once per settings and keeps only the current one', () => {
    const first = render(underGrafanaRouter(<App {...props({ datasources: { prometheusUid: 'prom-a' } })} />));
    expect(screen.getByTestId('scene-app')).toHaveTextContent('prom-a #1');
    first.unmount();

    // A second visit with the same settings (a new but equal jsonData) reuses the same SceneApp.
    const second = render(underGrafanaRouter(<App {...props({ datasources: { prometheusUid: 'prom-a' } })} />));
    expect(screen.getByTestId('scene-app')).toHaveTextContent('prom-a #1');
    expect(buildSceneApp).toHaveBeenCalledTimes(1);
    const [kept] = cachedSceneApps();
    second.unmount();

    render(underGrafanaRouter(<App {...props({ datasources: { prometheusUid: 'prom-b' } })} />));
    expect(screen.getByTestId('scene-app')).toHaveTextContent('prom-b #2');
    expect(buildSceneApp).toHaveBeenCalledTimes(2);
    expect(cachedSceneApps()).toHaveLength(1);
    expect(cachedSceneApps()[0]).not.toBe(kept);
  });
});
