import React from 'react';
import { render, screen } from '@testing-library/react';
import { setBackendSrv } from '@grafana/runtime';

import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import { AppAlerts } from './AppAlerts';

function answerRules(get: (url: string) => Promise<unknown>) {
  const spy = jest.fn(get);
  setBackendSrv({ get: spy } as never);
  return spy;
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
            alerts: [],
            totals: { alerting: 3, pending: 1 },
          },
          {
            name: 'HighErrorRate',
            uid: 'hexabase-high-error-rate',
            state: 'inactive',
            health: 'nodata',
            labels: { severity: 'warning', component: 'application' },
          },
        ],
      },
    ],
  },
};

function renderAlerts(firingOnly: boolean, appSubUrl = '') {
  const scene = new AppAlerts({ firingOnly });
  return render(underGrafanaRouter(<scene.Component model={scene} />, appSubUrl));
}

afterEach(resetAppSubUrl);

describe('AppAlerts', () => {
  it('asks for the app folder without instances, lists the rules grouped with their counts', async () => {
    const get = answerRules(() => Promise.resolve(rules));
    renderAlerts(false);
    expect(await screen.findByRole('link', { name: 'vClusterDown' })).toHaveAttribute(
      'href',
      '/alerting/grafana/hexabase-vcluster-down/view'
    );
    expect(get.mock.calls.map((c) => c[0])).toEqual([
      '/api/prometheus/grafana/api/v1/rules?folder_uid=hexabase-alerts&limit_alerts=0',
    ]);
    expect(screen.getByText('4 instances')).toBeInTheDocument();
    expect(screen.getByText('application · warning')).toBeInTheDocument();
    expect(screen.getByText('Firing')).toBeInTheDocument();
    expect(screen.getByText('No data')).toBeInTheDocument();
  });

  it("links each rule under Grafana's sub-path", async () => {
    answerRules(() => Promise.resolve(rules));
    renderAlerts(false, '/grafana');
    expect(await screen.findByRole('link', { name: 'HighErrorRate' })).toHaveAttribute(
      'href',
      '/grafana/alerting/grafana/hexabase-high-error-rate/view'
    );
  });

  it('says when nothing fires', async () => {
    answerRules(() =>
      Promise.resolve({ data: { groups: [{ ...rules.data.groups[0], rules: [rules.data.groups[0].rules[1]] }] } })
    );
    renderAlerts(true);
    expect(await screen.findByText('No alert of the app is firing.')).toBeInTheDocument();
  });

  it('says when no rule is installed', async () => {
    answerRules(() => Promise.resolve({ data: { groups: [] } }));
    renderAlerts(true);
    expect(await screen.findByText(/No rule of the app is installed in this Grafana/)).toBeInTheDocument();
  });

  it('shows why the rules could not be read', async () => {
    answerRules(() => Promise.reject({ data: { message: 'Access denied to the rules' } }));
    renderAlerts(false);
    expect(await screen.findByText('The alert rules could not be read')).toBeInTheDocument();
    expect(screen.getByText('Access denied to the rules')).toBeInTheDocument();
  });
});
