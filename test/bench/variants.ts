/**
 * Builds of the extension for the VS Code section other than `npm run build`'s: the extension's own source bundled
 * as esbuild.mjs does, with some modules swapped for the ones in a folder of test/bench, written to a temporary
 * folder with the project's manifest, loadable as an extension under development.
 * - naive/: the client without early stop, a cache that finds nothing (the naive provider);
 * - probe/: ours, logging to the console when VS Code calls the provider, when the document change reaches the
 *   extension host, the debounce asked for and when it ended, when the request leaves and the first token arrives
 *   (for `--probe`: what the overhead is).
 * And one build that is not ours (buildFloor): floor/extension.ts, the least an extension that asks the network can
 * do, with a manifest of its own (what VS Code, the harness and the HTTP stack cost any extension).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Variant = 'naive' | 'probe';

/** For each variant, the src/ modules it replaces (the replacement has the same file name in its folder). */
const SWAPS: Readonly<Record<Variant, readonly string[]>> = {
  naive: ['src/core/api/client.ts', 'src/core/completion/cache.ts'],
  probe: ['src/core/api/client.ts', 'src/core/completion/pipeline.ts', 'src/core/completion/debounce.ts'],
};

const BUILD_OPTIONS: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], logLevel: 'warning' };

export async function buildVariant(root: string, variant: Variant): Promise<{ dir: string; dispose: () => void }> {
  const variantDir = path.join(root, 'test', 'bench', variant);
  const swaps = new Map(SWAPS[variant].map((file) => [path.join(root, file), path.join(variantDir, path.basename(file))]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fw-bench-${variant}-ext-`));
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'extension.ts')],
    outfile: path.join(dir, 'dist', 'extension.js'),
    ...BUILD_OPTIONS,
    plugins: [
      {
        name: `${variant}-swaps`,
        setup(build) {
          build.onResolve({ filter: /^\.\.?\// }, (args) => {
            if (args.importer.startsWith(variantDir)) return undefined; // the replacements import the real modules
            const swapped = swaps.get(path.resolve(args.resolveDir, `${args.path}.ts`));
            return swapped ? { path: swapped } : undefined;
          });
        },
      },
    ],
  });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  if (fs.existsSync(path.join(root, 'media'))) fs.cpSync(path.join(root, 'media'), path.join(dir, 'media'), { recursive: true });
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The floor's manifest: its status bar item's id names fireworks, which the bench waits for before it types. */
const FLOOR_MANIFEST = {
  name: 'fireworks-bench-floor',
  publisher: 'bench',
  version: '0.0.0',
  engines: { vscode: '^1.90.0' },
  main: './dist/extension.js',
  activationEvents: ['onStartupFinished'],
};

/** With `probe`, the floor logs its steps as the probe build of ours does. */
export async function buildFloor(root: string, probe = false): Promise<{ dir: string; dispose: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-bench-floor-ext-'));
  await esbuild.build({ entryPoints: [path.join(root, 'test', 'bench', 'floor', 'extension.ts')], outfile: path.join(dir, 'dist', 'extension.js'), ...BUILD_OPTIONS, define: { FLOOR_PROBE: String(probe) } });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(FLOOR_MANIFEST, null, 2));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
