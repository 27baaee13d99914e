import * as assert from 'node:assert/strict';
import type { ChatContentPart } from '../../src/core/api/chatCompletions';
import { IMAGE_TOKENS, MAX_IMAGE_BYTES, imageFromDataUrl, type ImageAttachment } from '../../src/core/chat/images';
import { buildChatPrompt } from '../../src/core/chat/prompt';
import { appendMessage, createSession, parseStore, storedForm, type ChatMessage } from '../../src/core/chat/session';

/** A 1×1 PNG. */
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function image(name = 'shot.png'): ImageAttachment {
  const parsed = imageFromDataUrl(name, PIXEL);
  assert.ok(!('error' in parsed), 'a valid PNG');
  return parsed;
}

describe('chat images', () => {
  it('accepts PNG, JPEG, WebP and GIF data URIs, with their size', () => {
    const png = image();
    assert.equal(png.type, 'image/png');
    assert.equal(png.bytes, 70);
    assert.equal(png.dataUrl, PIXEL);
    assert.ok(!('error' in imageFromDataUrl('a.jpg', 'data:image/jpeg;base64,/9j/4AAQ')));
  });

  it('refuses what is not an image a model takes, saying why', () => {
    const refused = (name: string, url: string): string => {
      const result = imageFromDataUrl(name, url);
      assert.ok('error' in result, `${name} refused`);
      return result.error;
    };
    assert.match(refused('logo.svg', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='), /image\/svg\+xml is not supported; attach a PNG, JPEG, WebP or GIF/);
    assert.match(refused('x.png', 'https://example.com/x.png'), /not an image the chat can send/);
    assert.match(refused('x.png', 'data:image/png;base64,'), /empty/);
    const huge = `data:image/png;base64,${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES + 10) / 3) * 4)}`;
    assert.match(refused('big.png', huge), /big\.png is 5\.0 MB; images up to 5\.0 MB/);
  });

  it('sends the new question\'s images as image_url parts after its text, and counts them in the budget', () => {
    const prompt = buildChatPrompt(createSession({ id: 's', model: 'm', now: 1 }), { content: 'What is wrong in this screenshot?', images: [image()] }, { systemPrompt: '' });
    assert.equal(prompt.messages.length, 1);
    const parts = prompt.messages[0].content as readonly ChatContentPart[];
    assert.deepEqual(parts, [
      { type: 'text', text: 'What is wrong in this screenshot?' },
      { type: 'image_url', image_url: { url: PIXEL } },
    ]);
    assert.ok(prompt.estimatedTokens >= IMAGE_TOKENS, `${prompt.estimatedTokens} tokens`);
  });

  it('names images of earlier turns, and images no longer at hand, instead of sending them', () => {
    const question: ChatMessage = { id: 'q', role: 'user', content: 'Describe it', images: [image('first.png')], state: 'complete', createdAt: 1 };
    const answer: ChatMessage = { id: 'a', role: 'assistant', content: 'A red pixel.', state: 'complete', createdAt: 2 };
    const session = appendMessage(appendMessage(createSession({ id: 's', model: 'm', now: 1 }), question), answer);
    const { name, type, bytes } = image('second.png');
    const prompt = buildChatPrompt(session, { content: 'And this one?', images: [{ name, type, bytes }] }, { systemPrompt: '' });
    assert.deepEqual(
      prompt.messages.map((m) => m.content),
      ['[Image attached by the user: first.png]\n\nDescribe it', 'A red pixel.', '[Image attached by the user: second.png]\n\nAnd this one?'],
    );
  });

  it('keeps images in the history by name and size, without their bytes', () => {
    const question: ChatMessage = { id: 'q', role: 'user', content: 'See', images: [image()], state: 'complete', createdAt: 1 };
    const session = appendMessage(createSession({ id: 's', model: 'm', now: 1 }), question);
    const stored = storedForm(session);
    assert.deepEqual(stored.messages[0].images, [{ name: 'shot.png', type: 'image/png', bytes: 70 }]);
    assert.equal(session.messages[0].images?.[0].dataUrl, PIXEL, 'the session in use keeps them');
    const back = parseStore(JSON.parse(JSON.stringify({ version: 1, sessions: [stored] })));
    assert.deepEqual(back.sessions[0].messages[0].images, [{ name: 'shot.png', type: 'image/png', bytes: 70 }]);
    const imageOnly = parseStore({ version: 1, sessions: [{ id: 's', messages: [{ role: 'user', content: '', images: [{ name: 'a.png', type: 'image/png', bytes: 3 }, { name: 'b.svg', type: 'image/svg+xml' }] }] }] });
    assert.deepEqual(imageOnly.sessions[0].messages[0].images, [{ name: 'a.png', type: 'image/png', bytes: 3 }], 'an image-only question is kept; an unknown type is not');
  });
});
