// The fleet benchmark (scripts/bench.sh): the unit config (its transform and DOM, since it builds the
// pages' scenes to read their queries), outside the unit suite.
module.exports = {
  ...require('./jest.config'),
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  // Hours at 10,000 workspaces: scripts/bench.sh bounds the run through Prometheus' lifetime.
  testTimeout: 6 * 3600 * 1000,
};
