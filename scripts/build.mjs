// Bundles the CLI into dist/cli.js. Templates are inlined as text so the
// bundle runs from any folder.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  loader: { '.eta': 'text', '.sql': 'text' },
  external: [
    // Loaded at run time through require, so that its CommonJS build and
    // that build's word wrapping serve --help; bundled from TypeScript's
    // import, it takes the ES module build, which cuts words mid-line.
    'yargs',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'pg-native',
  ],
  keepNames: true,
  logLevel: 'warning',
});
