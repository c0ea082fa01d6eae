import { datasourcesJsonData, resolveDatasourceUids } from './appSettings';

describe('resolveDatasourceUids', () => {
  it('uses the provisioned UIDs when nothing is configured', () => {
    expect(resolveDatasourceUids(undefined)).toEqual({
      prometheus: 'hexabase-prometheus',
      loki: 'hexabase-loki',
      jaeger: 'hexabase-jaeger',
      clickhouse: 'hexabase-clickhouse',
    });
  });

  it('takes configured UIDs and ignores blank ones', () => {
    expect(resolveDatasourceUids({ datasources: { prometheusUid: ' central ', lokiUid: '  ' } })).toEqual({
      prometheus: 'central',
      loki: 'hexabase-loki',
      jaeger: 'hexabase-jaeger',
      clickhouse: 'hexabase-clickhouse',
    });
  });
});

describe('datasourcesJsonData', () => {
  it('saves only what differs from the defaults', () => {
    const uids = resolveDatasourceUids({ datasources: { jaegerUid: 'tempo-like' } });
    expect(datasourcesJsonData(uids)).toEqual({ jaegerUid: 'tempo-like' });
  });
});
