// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');
const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // A configuration-page test renders @grafana/ui forms in jsdom, seconds each on a busy 2-CPU machine; each
  // wait inside a test keeps its own 5 s bound (asyncUtilTimeout), this bounds the whole test.
  testTimeout: 30000,
  transform: { ...base.transform, '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'] },
  // @grafana/data 13 pulls d3's ESM-only packages in through scenes.
  transformIgnorePatterns: [
    nodeModulesToTransform([...grafanaESModules, 'd3-color', 'd3-interpolate', 'd3-scale-chromatic']),
  ],
};
