import React from 'react';
import { render, screen } from '@testing-library/react';
import { setBackendSrv } from '@grafana/runtime';

import { AppAlerts } from './AppAlerts';
import { MissingDatasources } from '../../components/App/MissingDatasources';
import { resolveDatasourceUids } from '../../settings/appSettings';

function answerRules(get: () => Promise<unknown>) {
  setBackendSrv({ get } as never);
}

const rules = {
  data: {
    groups: [
      {
        name: 'hexabase-applications',
        file: 'Hexabase',
        rules: [
          {
            name: 'vClusterDown',
            uid: 'hexabase-vcluster-down',
            state: 'firing',
            health: 'ok',
            labels: { severity: 'critical', component: 'vcluster' },
            alerts: [{}],
          },
          {
            name: 'HighErrorRate',
            uid: 'hexabase-high-error-rate',
            state: 'inactive',
            health: 'ok',
            labels: { severity: 'warning', component: 'application' },
          },
        ],
      },
    ],
  },
};

describe('AppAlerts', () => {
  it('lists the rules grouped, each linking to Grafana', async () => {
    answerRules(() => Promise.resolve(rules));
    const scene = new AppAlerts({ firingOnly: false });
    render(<scene.Component model={scene} />);
    expect(await screen.findByText('vClusterDown')).toHaveAttribute(
      'href',
      '/alerting/grafana/hexabase-vcluster-down/view'
    );
    expect(screen.getByText('application · warning')).toBeInTheDocument();
    expect(screen.getByText('Firing')).toBeInTheDocument();
  });

  it('says when nothing fires', async () => {
    answerRules(() =>
      Promise.resolve({ data: { groups: [{ ...rules.data.groups[0], rules: [rules.data.groups[0].rules[1]] }] } })
    );
    const scene = new AppAlerts({ firingOnly: true });
    render(<scene.Component model={scene} />);
    expect(await screen.findByText('No alert of the app is firing.')).toBeInTheDocument();
  });

  it('says when no rule is installed', async () => {
    answerRules(() => Promise.resolve({ data: { groups: [] } }));
    const scene = new AppAlerts({ firingOnly: true });
    render(<scene.Component model={scene} />);
    expect(await screen.findByText(/No rule of the app is installed in this Grafana/)).toBeInTheDocument();
  });

  it('shows why the rules could not be read', async () => {
    answerRules(() => Promise.reject({ data: { message: 'Access denied to the rules' } }));
    const scene = new AppAlerts({ firingOnly: false });
    render(<scene.Component model={scene} />);
    expect(await screen.findByText('The alert rules could not be read')).toBeInTheDocument();
    expect(screen.getByText('Access denied to the rules')).toBeInTheDocument();
  });
});

describe('MissingDatasources', () => {
  it('names each missing datasource and links to the configuration page', () => {
    render(<MissingDatasources kinds={['loki']} uids={resolveDatasourceUids({ datasources: { lokiUid: 'gone' } })} />);
    expect(screen.getByText(/no datasource with UID gone/)).toHaveTextContent('loki: no datasource with UID gone');
    expect(screen.getByText('Hexabase.AI Monitoring configuration').closest('a')).toHaveAttribute(
      'href',
      '/plugins/hexabase-monitoring-app'
    );
  });
});
