import * as assert from 'node:assert/strict';
import { debounce } from '../../src/core/completion/debounce';

describe('debounce', () => {
  it('resolves true after the delay', async () => {
    const started = Date.now();
    assert.equal(await debounce(40, new AbortController().signal), true);
    const waited = Date.now() - started;
    assert.ok(waited >= 35, `waited ${waited} ms`);
  });

  it('resolves false at once when aborted before', async () => {
    const controller = new AbortController();
    controller.abort();
    const started = Date.now();
    assert.equal(await debounce(1000, controller.signal), false);
    assert.ok(Date.now() - started < 500, 'long before the 1000 ms delay');
  });

  it('resolves false at once when aborted during the wait', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    assert.equal(await debounce(1000, controller.signal), false);
    const waited = Date.now() - started;
    assert.ok(waited < 500, `waited ${waited} ms of 1000`);
  });

  it('resolves true at once for a zero delay', async () => {
    const started = Date.now();
    assert.equal(await debounce(0, new AbortController().signal), true);
    assert.ok(Date.now() - started < 500);
  });

  it('with nothing left to wait, lets a cancellation already queued end it first (a call that came late)', async () => {
    const controller = new AbortController();
    // Queued before the call asks: as a cancellation message waiting in the extension host's queue.
    setImmediate(() => controller.abort());
    assert.equal(await debounce(-120, controller.signal), false);
  });

  it('stops listening to the signal once the wait is over', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    assert.equal(await debounce(5, signal), true);
    assert.equal(listeners, 0);
    controller.abort();
  });
});
