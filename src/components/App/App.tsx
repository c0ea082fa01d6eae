import React, { useMemo } from 'react';
import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';

import { sceneAppFor } from '../../app/sceneAppCache';
import { resolveDatasourceUids, type AppJsonData } from '../../settings/appSettings';
import { missingDatasources } from '../../settings/missingDatasources';
import { MissingDatasources } from './MissingDatasources';

function App({ meta }: AppRootProps<AppJsonData>) {
  const jsonData = meta.jsonData;
  const scene = sceneAppFor(jsonData);
  const uids = useMemo(() => resolveDatasourceUids(jsonData), [jsonData]);
  const missing = useMemo(
    () =>
      missingDatasources(
        uids,
        Object.values(config.datasources).map((ds) => ds.uid)
      ),
    [uids]
  );
  return (
    <>
      <MissingDatasources kinds={missing} uids={uids} />
      <scene.Component model={scene} />
    </>
  );
}

export default App;
