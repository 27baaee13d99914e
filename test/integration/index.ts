// Entry of the integration suite, run inside VS Code's extension host. The same bundle (out/test/suite/index.js)
// serves both runners: scripts/run-integration.mjs (VS Code's server build in Chromium, this machine) and
// @vscode/test-electron (desktop VS Code, machines with internet). Each calls `run()` and treats a rejection as failure.
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Test modules, in the order they run. Loaded with `import()` after mocha has put `describe`/`it` on globalThis
 * (a static import would run the module before that); esbuild still bundles them because the paths are literal.
 * Add new modules here.
 */
const testModules: (() => Promise<unknown>)[] = [
  () => import('./smoke.test'),
  () => import('./ghostText.test'),
  () => import('./fidelity.test'),
  () => import('./network.test'),
  () => import('./keyAndEndpoint.test'),
  () => import('./control.test'),
  () => import('./chat.test'),
  () => import('./chatFeatures.test'),
];

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  // Lets a developer run a subset: FIREWORKS_TEST_GREP="ghost text" npm run test:integration
  const grep = process.env.FIREWORKS_TEST_GREP;
  if (grep) mocha.grep(grep);

  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  for (const load of testModules) await load();

  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) =>
        resolve({ failures, passes: runner.stats?.passes ?? 0, pending: runner.stats?.pending ?? 0 }),
      );
    } catch (error) {
      reject(error);
    }
  });
  // One machine-readable line; run-integration.mjs turns it into its summary.
  console.log(
    `INTEGRATION_SUMMARY passed=${stats.passes} failed=${stats.failures} pending=${stats.pending} vscode=${vscode.version}`,
  );
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
