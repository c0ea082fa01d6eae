import { SceneFlexItem, SceneFlexLayout, type SceneObject } from '@grafana/scenes';

/** A row of panels sharing the width, height in pixels. */
export function row(height: number, ...panels: SceneObject[]): SceneFlexItem {
  return new SceneFlexItem({
    height,
    body: new SceneFlexLayout({ direction: 'row', children: panels.map((body) => new SceneFlexItem({ body })) }),
  });
}
