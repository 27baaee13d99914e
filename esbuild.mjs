// Bundles the extension host code (one CommonJS file, `vscode` external), the chat webview's script (a browser
// IIFE, dist/webview.js, with codicons' css and font copied beside it), the integration suite that runs inside
// VS Code, and the stand-in's command-line entry used by `npm start`.
// `--production` minifies and drops sourcemaps (what `npm run package` ships); `--watch` rebuilds on change.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
  {
    // The chat view's script: runs in the webview (a browser), shares src/chat/protocol.ts with the host.
    entryPoints: ['src/chat/webview/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
];
if (!production) {
  builds.push(
    {
      ...node,
      entryPoints: ['test/integration/index.ts'],
      outfile: 'out/test/suite/index.js',
      external: ['vscode', 'mocha'],
      sourcemap: true,
    },
    {
      ...node,
      entryPoints: ['test/standin/cli.ts'],
      outfile: 'out/standin/cli.js',
      sourcemap: true,
    },
    {
      // The stand-in as a library for the harness scripts (plain .mjs run by the machine's Node).
      ...node,
      entryPoints: ['test/standin/server.ts'],
      outfile: 'out/standin/server.js',
      sourcemap: true,
    },
  );
}

// Codicons for the webview (its CSP loads fonts and styles only from the extension's media/ and dist/).
fs.mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
