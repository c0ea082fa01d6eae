// Integration tests on real engines: the unit config's transform, run in node, outside the unit suite.
process.env.TZ = 'UTC';

module.exports = {
  ...require('./.config/jest.config'),
  // The scaffold's setup file needs a DOM (jsdom); these tests run in node.
  setupFilesAfterEnv: [],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
  testTimeout: 120000,
};
