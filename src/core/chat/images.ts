/**
 * Images attached to a chat question (pasted or dropped into the chat input), sent to vision models as
 * `image_url` content parts with a base64 `data:` URI, the form Fireworks and OpenAI accept.
 *
 * Kept for the window only: the history on disk names each image but does not keep its bytes (a screenshot is
 * hundreds of kilobytes, the history holds 50 chats). An image no longer at hand is sent as a note naming it.
 */

/** What vision models take; SVG is not an image to them (and is a script carrier). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The largest image accepted, in bytes: larger ones are slow to send and rejected by some servers. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** At most this many images go with one question. */
export const MAX_IMAGES_PER_QUESTION = 4;

/**
 * What an image costs in the model's context, in tokens, for the budget (see prompt.ts). Vision models tile an
 * image and spend a few hundred tokens per tile; this is a typical screenshot's share.
 */
export const IMAGE_TOKENS = 1_500;

export interface ImageAttachment {
  /** The file name shown (`image.png` for a pasted screenshot). */
  readonly name: string;
  readonly type: ImageType;
  /** Size of the image itself, in bytes. */
  readonly bytes: number;
  /** `data:<type>;base64,...`; absent once the image is not at hand any more (read back from the history). */
  readonly dataUrl?: string;
}

const DATA_URL = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

function isImageType(value: string): value is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(value);
}

/** A readable size: `812 KB`, `1.4 MB`. */
export function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The image in `dataUrl`, or why it cannot be attached (in words for the user). */
export function imageFromDataUrl(name: string, dataUrl: string): ImageAttachment | { readonly error: string } {
  const label = name.trim() || 'image';
  const match = DATA_URL.exec(dataUrl);
  if (!match) return { error: `${label} is not an image the chat can send.` };
  const type = match[1];
  if (!isImageType(type)) return { error: `${label}: ${type} is not supported; attach a PNG, JPEG, WebP or GIF image.` };
  const base64 = match[2];
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const bytes = Math.floor((base64.length * 3) / 4) - padding;
  if (bytes <= 0) return { error: `${label} is empty.` };
  if (bytes > MAX_IMAGE_BYTES) return { error: `${label} is ${sizeLabel(bytes)}; images up to ${sizeLabel(MAX_IMAGE_BYTES)} can be attached.` };
  return { name: label, type, bytes, dataUrl };
}

/** How an image is named to the model where its bytes are not sent (an earlier turn, or no longer at hand). */
export function imageNote(image: ImageAttachment): string {
  return `[Image attached by the user: ${image.name}]`;
}
