import { resolveDatasourceUids } from './appSettings';
import { missingDatasources } from './missingDatasources';

describe('missingDatasources', () => {
  it('names the kinds whose uid Grafana does not have', () => {
    const uids = resolveDatasourceUids({ datasources: { lokiUid: 'gone' } });
    expect(missingDatasources(uids, ['hexabase-prometheus', 'hexabase-jaeger', 'hexabase-clickhouse'])).toEqual([
      'loki',
    ]);
    expect(missingDatasources(uids, ['hexabase-prometheus', 'gone', 'hexabase-jaeger', 'hexabase-clickhouse'])).toEqual(
      []
    );
  });
});
