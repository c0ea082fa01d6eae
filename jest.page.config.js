// The configuration page on the app's real backend (scripts/integration-page.sh starts it).
module.exports = {
  ...require('./jest.config'),
  testMatch: ['<rootDir>/tests/page/**/*.test.tsx'],
  testTimeout: 60000,
};
