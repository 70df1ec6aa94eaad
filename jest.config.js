/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    '^.+\\.(eta|sql)$': '<rootDir>/test/support/text-transform.js',
    // PGlite's CommonJS build loads Node built-ins with import(), which
    // jest's module sandbox refuses without --experimental-vm-modules;
    // compiling it turns those into require().
    '/@electric-sql/pglite/dist/.+\\.cjs$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json', 'eta', 'sql'],
  testTimeout: 60000,
};
