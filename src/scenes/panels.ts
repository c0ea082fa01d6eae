import { PanelBuilders, type SceneDataProvider, type VizPanel } from '@grafana/scenes';
import { BigValueGraphMode, GraphThresholdsStyleMode, LegendDisplayMode, ThresholdsMode } from '@grafana/schema';
import { t } from '@grafana/i18n';

// Every panel of the app comes from these factories: they own units, legends, thresholds, links
// and the no-data text, so the pages only say what to show.

export interface Threshold {
  value: number;
  color: string;
}

interface PanelOptions {
  title: string;
  description?: string;
  data: SceneDataProvider;
  unit?: string;
  thresholds?: Threshold[];
  /** Colour below the first threshold (green unless low values are the bad ones). */
  baseColor?: string;
  links?: Array<{ title: string; url: string }>;
  /** What an empty answer means, when it means more than "no data" (nothing is filling up). */
  noValue?: string;
}

function noData(): string {
  return t('panels.no-data', 'No data for the current selection');
}

function thresholdSteps(thresholds: Threshold[] | undefined, baseColor = 'green') {
  const steps = [{ value: -Infinity, color: baseColor }, ...(thresholds ?? [])];
  return { mode: ThresholdsMode.Absolute, steps: steps.map((s) => ({ value: s.value as number, color: s.color })) };
}

export function statPanel(o: PanelOptions): VizPanel {
  return PanelBuilders.stat()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setUnit(o.unit ?? 'short')
    .setThresholds(thresholdSteps(o.thresholds, o.baseColor))
    .setOption('graphMode', BigValueGraphMode.Area)
    .setNoValue(o.noValue ?? noData())
    .build();
}

/** A time series; `thresholdLines` draws the thresholds as dashed lines (alert levels over time). */
export function timeseriesPanel(o: PanelOptions & { legend?: 'list' | 'table'; thresholdLines?: boolean }): VizPanel {
  const builder = PanelBuilders.timeseries()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setUnit(o.unit ?? 'short')
    .setThresholds(thresholdSteps(o.thresholds, o.baseColor))
    .setLinks(o.links ?? [])
    .setNoValue(o.noValue ?? noData())
    .setOption('legend', {
      displayMode: o.legend === 'table' ? LegendDisplayMode.Table : LegendDisplayMode.List,
      placement: o.legend === 'table' ? 'right' : 'bottom',
      showLegend: true,
      calcs: o.legend === 'table' ? ['mean', 'max'] : [],
    });
  if (o.thresholdLines) {
    builder.setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Dashed });
  }
  return builder.build();
}

export function stateTimelinePanel(
  o: PanelOptions & { mappings: Parameters<ReturnType<typeof PanelBuilders.statetimeline>['setMappings']>[0] }
): VizPanel {
  return PanelBuilders.statetimeline()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setMappings(o.mappings)
    .setNoValue(noData())
    .build();
}

/** A bar gauge of ratios against a quota (0 to 1). */
export function ratioGaugePanel(o: PanelOptions): VizPanel {
  return PanelBuilders.bargauge()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setUnit('percentunit')
    .setMin(0)
    .setMax(1)
    .setThresholds(thresholdSteps(o.thresholds))
    .setNoValue(noData())
    .build();
}

/** A table whose columns may link elsewhere (a workspace id to its drill-down). */
export function tablePanel(
  o: PanelOptions & { columnLinks?: Array<{ column: string; url: string }>; ratioColumns?: string[] }
): VizPanel {
  const builder = PanelBuilders.table()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setNoValue(noData());
  builder.setOverrides((b) => {
    for (const l of o.columnLinks ?? []) {
      b.matchFieldsWithName(l.column).overrideLinks([{ title: l.column, url: l.url }]);
    }
    for (const c of o.ratioColumns ?? []) {
      b.matchFieldsWithName(c).overrideUnit('percentunit').overrideThresholds(thresholdSteps(o.thresholds));
    }
  });
  return builder.build();
}

export function logsPanel(o: PanelOptions): VizPanel {
  return PanelBuilders.logs()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(o.data)
    .setOption('showTime', true)
    .setOption('wrapLogMessage', true)
    .setNoValue(noData())
    .build();
}
