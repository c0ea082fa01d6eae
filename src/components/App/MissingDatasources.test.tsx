import React from 'react';
import { render, screen } from '@testing-library/react';

import { resolveDatasourceUids } from '../../settings/appSettings';
import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import { MissingDatasources } from './MissingDatasources';

const uids = resolveDatasourceUids({ datasources: { lokiUid: 'gone' } });

afterEach(resetAppSubUrl);

describe('MissingDatasources', () => {
  it('names each missing datasource and links to the configuration page', () => {
    render(underGrafanaRouter(<MissingDatasources kinds={['loki']} uids={uids} />));
    expect(screen.getByText(/no datasource with UID gone/)).toHaveTextContent('loki: no datasource with UID gone');
    expect(screen.getByRole('link', { name: 'Hexabase.AI Monitoring configuration' })).toHaveAttribute(
      'href',
      '/plugins/hexabase-monitoring-app?page=configuration'
    );
  });

  it("keeps Grafana's sub-path in the link", () => {
    render(underGrafanaRouter(<MissingDatasources kinds={['loki']} uids={uids} />, '/grafana'));
    expect(screen.getByRole('link', { name: 'Hexabase.AI Monitoring configuration' })).toHaveAttribute(
      'href',
      '/grafana/plugins/hexabase-monitoring-app?page=configuration'
    );
  });

  it('says nothing when every datasource exists', () => {
    const { container } = render(underGrafanaRouter(<MissingDatasources kinds={[]} uids={uids} />));
    expect(container).toBeEmptyDOMElement();
  });
});
