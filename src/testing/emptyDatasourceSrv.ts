import { setDataSourceSrv } from '@grafana/runtime';

/** A Grafana without datasources, for tests that render the DataSourcePicker (Grafana's frontend is not here). */
export function installEmptyDatasourceSrv() {
  setDataSourceSrv({
    getList: () => [],
    getInstanceSettings: () => undefined,
    get: jest.fn(),
    reload: jest.fn(),
  } as never);
}
