/** The typing rhythm as the pipeline learns it: from every edit when the editor reports them. */
import * as assert from 'node:assert/strict';
import type { CompletionClient } from '../../src/core/api/completions';
import { CompletionPipeline, type CompletionInput } from '../../src/core/completion/pipeline';
import { TypingRhythm } from '../../src/core/completion/rhythm';
import { lineSourceOf } from '../../src/core/completion/window';
import { silentLogger } from '../../src/core/logger';
import { resolveSettings } from '../../src/core/settings';

describe('pipeline: typing rhythm', () => {
  /**
   * A fast typist (a key every 40 ms) whose keys VS Code merges into one call every 200 ms (it asks only after 50 ms
   * without a key). Returns the wait the rhythm then asks for after a key.
   */
  async function lastBurst(reportEdits: boolean): Promise<number> {
    let now = 100_000;
    const client: CompletionClient = { streamCompletion: async () => ({ ok: true, text: 'x', finish: 'stop', durationMs: 1 }) };
    const settings = { ...resolveSettings({}, {}).completions, debounceMs: 100 };
    const rhythm = new TypingRhythm();
    const pipeline = new CompletionPipeline({ client: () => client, settings: () => settings, logger: silentLogger, rhythm, now: () => now });
    const input = (keys: number[]): CompletionInput => ({
      document: lineSourceOf('x = '),
      position: { line: 0, character: 4 },
      manual: false,
      alreadyWaitedMs: 50,
      keystrokes: reportEdits ? keys : undefined,
    });
    for (let burst = 0; burst < 6; burst++) {
      const keys = [now, now + 40, now + 80, now + 120, now + 150];
      now += 200; // VS Code asks 50 ms after the burst's last key
      const controller = new AbortController();
      const run = pipeline.run(input(keys), controller.signal);
      controller.abort(); // the next key
      await run;
    }
    return rhythm.debounceFor(settings.debounceMs);
  }

  it('learns from every edit, so a fast typist whose keys VS Code merges is not taken for a slow one', async () => {
    assert.equal(await lastBurst(true), 100, 'the setting (100 ms): keys come 30–40 ms apart');
    assert.ok((await lastBurst(false)) >= 250, 'from the calls alone, 200 ms apart, the wait would grow');
  });
});
