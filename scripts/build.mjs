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
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'pg-native',
  ],
  keepNames: true,
  logLevel: 'warning',
});
