// Builds the page into ../wwwroot: one script (app.js, with d3-geo, topojson-client and the
// world-atlas country shapes bundled in), one stylesheet and index.html. Reproducible:
// `npm ci && npm run build` (pinned versions in package-lock.json, no timestamps in the output).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const out = new URL('../wwwroot/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  loader: { '.json': 'json' },
  outfile: out + 'app.js',
  logLevel: 'info',
});
await build({ entryPoints: ['src/style.css'], bundle: true, minify: true, outfile: out + 'app.css', logLevel: 'info' });
copyFileSync('src/index.html', out + 'index.html');
