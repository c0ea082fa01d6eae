import { SceneDataTransformer, SceneQueryRunner, VizPanel, type SceneObject } from '@grafana/scenes';

/** Every object of a scene, depth first. */
export function allObjects(root: SceneObject): SceneObject[] {
  const out: SceneObject[] = [root];
  root.forEachChild((child) => out.push(...allObjects(child)));
  return out;
}

export interface PanelSummary {
  title: string;
  datasource?: string;
  queries: string[];
}

/** The query runner behind a panel's data, through any transformations. */
export function panelRunner(panel: VizPanel): SceneQueryRunner | undefined {
  let data = panel.state.$data;
  while (data instanceof SceneDataTransformer) {
    data = data.state.$data;
  }
  return data instanceof SceneQueryRunner ? data : undefined;
}

/** Title, datasource and query text of every panel: what the scene tests assert. */
export function panelSummaries(root: SceneObject): PanelSummary[] {
  return allObjects(root)
    .filter((o): o is VizPanel => o instanceof VizPanel)
    .map((panel) => {
      const runner = panelRunner(panel);
      return {
        title: panel.state.title,
        datasource: runner?.state.datasource?.uid,
        queries: (runner?.state.queries ?? []).map((q) =>
          String(
            (q as { expr?: string; rawSql?: string; tags?: string }).expr ??
              (q as { rawSql?: string }).rawSql ??
              JSON.stringify(q)
          )
        ),
      };
    });
}
