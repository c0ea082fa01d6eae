import React, { useCallback } from 'react';
import type { AppRootProps } from '@grafana/data';
import { useSceneApp } from '@grafana/scenes';

import { buildSceneApp } from '../../app/sceneApp';
import type { AppJsonData } from '../../settings/appSettings';

function App({ meta }: AppRootProps<AppJsonData>) {
  const jsonData = meta.jsonData;
  const factory = useCallback(() => buildSceneApp(jsonData), [jsonData]);
  const scene = useSceneApp(factory);
  return <scene.Component model={scene} />;
}

export default App;
