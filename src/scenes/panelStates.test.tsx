import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { of } from 'rxjs';
import {
  LoadingState,
  PanelPlugin,
  standardFieldConfigEditorRegistry,
  toDataFrame,
  type DataQueryRequest,
  type PanelProps,
} from '@grafana/data';
import { setDataSourceSrv, setPluginImportUtils, setRunRequest } from '@grafana/runtime';
import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';

import { promQueryRunner } from './dataRunners';

// jsdom lays nothing out: give panels a size so that they render their plugin.
jest.mock('react-use', () => ({
  ...jest.requireActual('react-use'),
  useMeasure: () => [() => {}, { width: 600, height: 300, top: 0, left: 0, bottom: 0, right: 0, x: 0, y: 0 }],
}));
import { timeseriesPanel } from './panels';

// A stand-in for Grafana's timeseries plugin: it shows what the panel receives.
function ProbePanel({ data, fieldConfig }: PanelProps) {
  return (
    <div data-testid="probe">
      {data.series.length === 0 ? `empty: ${fieldConfig.defaults.noValue}` : `series: ${data.series.length}`}
    </div>
  );
}
const probe = new PanelPlugin(ProbePanel).useFieldConfig();
probe.meta = { id: 'timeseries', name: 'probe', type: 'panel', info: {}, module: '', baseUrl: '', sort: 0 } as never;

const prometheus = {
  uid: 'prom',
  type: 'prometheus',
  name: 'Prometheus',
  meta: { id: 'prometheus' },
  getRef: () => ({ uid: 'prom', type: 'prometheus' }),
};

beforeAll(() => {
  // Grafana registers its standard field options at start; the test needs the one it checks.
  standardFieldConfigEditorRegistry.setInit(
    () =>
      [
        {
          id: 'noValue',
          path: 'noValue',
          name: 'No value',
          editor: () => null,
          override: () => null,
          process: (v: unknown) => v,
          shouldApply: () => true,
        },
      ] as never
  );
  setPluginImportUtils({ importPanelPlugin: () => Promise.resolve(probe), getPanelPluginFromCache: () => probe });
  setDataSourceSrv({
    get: () => Promise.resolve(prometheus),
    getInstanceSettings: () => prometheus,
    getList: () => [prometheus],
    reload: () => Promise.resolve(),
    registerRuntimeDataSource: () => {},
  } as never);
});

function sceneWith(title: string) {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
    body: new SceneFlexLayout({
      children: [
        new SceneFlexItem({
          height: 300,
          body: timeseriesPanel({ title, data: promQueryRunner([{ refId: 'A', expr: 'up' }]) }),
        }),
      ],
    }),
  });
}

function answer(response: { state: LoadingState; series: never[]; errors?: Array<{ message: string }> }) {
  setRunRequest((_ds: unknown, request: DataQueryRequest) => of({ ...response, timeRange: request.range }) as never);
}

describe('panel states', () => {
  it('says there is no data for the current selection', async () => {
    answer({ state: LoadingState.Done, series: [] });
    const scene = sceneWith('Requests');
    render(<scene.Component model={scene} />);
    await waitFor(() =>
      expect(screen.getByTestId('probe')).toHaveTextContent('empty: No data for the current selection')
    );
  });

  it('shows a datasource error on the panel that failed while the others work', async () => {
    setRunRequest((_ds: unknown, request: DataQueryRequest) => {
      const failing = (request.targets[0] as { expr?: string }).expr === 'broken';
      return of({
        state: failing ? LoadingState.Error : LoadingState.Done,
        series: failing ? [] : [toDataFrame({ fields: [{ name: 'Value', values: [1] }] })],
        errors: failing ? [{ message: 'bad_data: parse error' }] : undefined,
        timeRange: request.range,
      }) as never;
    });
    const scene = new EmbeddedScene({
      $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
      body: new SceneFlexLayout({
        children: [
          new SceneFlexItem({
            height: 300,
            body: timeseriesPanel({ title: '5xx share', data: promQueryRunner([{ refId: 'A', expr: 'broken' }]) }),
          }),
          new SceneFlexItem({
            height: 300,
            body: timeseriesPanel({ title: 'Requests', data: promQueryRunner([{ refId: 'A', expr: 'up' }]) }),
          }),
        ],
      }),
    });
    render(<scene.Component model={scene} />);
    await waitFor(() => expect(screen.getAllByTestId('data-testid Panel status error')).toHaveLength(1));
    await waitFor(() => expect(screen.getByText('series: 1')).toBeInTheDocument());
  });
});
