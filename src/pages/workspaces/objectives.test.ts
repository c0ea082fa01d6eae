import { availabilityObjectives } from './objectives';

describe('availabilityObjectives', () => {
  it('takes each plan’s saved objective, the default where it is missing or not a ratio below 1', () => {
    expect(availabilityObjectives(undefined)).toEqual({ shared: 0.999, dedicated: 0.9995 });
    expect(
      availabilityObjectives({ plans: { shared: { availabilityObjective: 0.99 } as never, dedicated: {} } })
    ).toEqual({ shared: 0.99, dedicated: 0.9995 });
    for (const wrong of [1, 0, -0.5, 1.2, '0.99', null]) {
      expect(availabilityObjectives({ plans: { shared: { availabilityObjective: wrong } as never } }).shared).toBe(
        0.999
      );
    }
  });
});
