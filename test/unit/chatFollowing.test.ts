import * as assert from 'node:assert/strict';
import { followsAfterScroll } from '../../src/chat/webview/following';

describe('chat view: following the answer as it streams', () => {
  it('stops at any move up, even a trackpad\'s few pixels a frame within a line of the end', () => {
    let following = true;
    let top = 1000;
    // Eight pixels up per frame, text growing below meanwhile: the view must not pull the reader back down.
    for (let frame = 0; frame < 30; frame++) {
      const next = top - 8;
      following = followsAfterScroll(following, { top: next, lastTop: top, belowView: 8 + frame });
      top = next;
      assert.equal(following, false, `frame ${frame}`);
    }
  });

  it('resumes back at the end, and a scroll the view makes down to new text never stops it', () => {
    assert.equal(followsAfterScroll(false, { top: 1200, lastTop: 1100, belowView: 10 }), true);
    assert.equal(followsAfterScroll(true, { top: 1300, lastTop: 1200, belowView: 0 }), true);
    assert.equal(followsAfterScroll(false, { top: 900, lastTop: 800, belowView: 400 }), false, 'scrolling down, not yet at the end');
  });
});
