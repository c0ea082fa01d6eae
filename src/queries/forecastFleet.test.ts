import { soonestFullQuery } from './forecastFleet';

const SEL = '{plan_type=~"${plan}", cluster_id=~"${cluster}", workspace_id=~"${workspace}"}';
const WS = '{plan_type=~"${plan}", cluster_id=~"${cluster}", workspace_id=~"${workspace}", workspace_id!=""}';

describe('quota forecast queries of the fleet', () => {
  it('lists the 10 soonest full, from the recorded bottoms or the workspaces as the level says', () => {
    expect(soonestFullQuery()).toBe(
      'sort(bottomk(10, ${level}_bottom10:hexabase_resource_usage_ratio:seconds_to_full' +
        SEL +
        ' or ${level}_resource:hexabase_resource_usage_ratio:seconds_to_full' +
        WS +
        '))'
    );
  });
});
