import { MultiValueVariable, sceneGraph, type SceneObject } from '@grafana/scenes';

/** The values chosen in a multi-value variable; none for "All", which filters nothing. */
export function selectedValues(model: SceneObject, name: string): string[] | undefined {
  const variable = sceneGraph.lookupVariable(name, model);
  if (!(variable instanceof MultiValueVariable) || variable.hasAllValue()) {
    return undefined;
  }
  const value = variable.getValue();
  return (Array.isArray(value) ? value : [value]).map(String);
}
