/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    '^.+\\.(eta|sql)$': '<rootDir>/test/support/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'eta', 'sql'],
  testTimeout: 60000,
};
