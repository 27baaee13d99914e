/**
 * Whether the conversation keeps scrolling to new text as it streams: only while the user stays at the end. Any
 * move up stops it, however small (a trackpad scrolls a few pixels a frame, all of them within a line of the end);
 * back at the end, it resumes. A scroll the view made itself (down, to text that grew) never stops it.
 */

/** Within this many pixels of the end counts as at the end. */
export const AT_END_PX = 40;

export interface ScrollSeen {
  /** scrollTop now and at the last scroll event. */
  readonly top: number;
  readonly lastTop: number;
  /** Pixels below what is shown. */
  readonly belowView: number;
}

export function followsAfterScroll(following: boolean, scroll: ScrollSeen): boolean {
  if (scroll.top < scroll.lastTop - 1) return false;
  if (scroll.belowView < AT_END_PX) return true;
  return following;
}
