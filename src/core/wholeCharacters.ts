/**
 * Text cut to a length in UTF-16 code units, never in the middle of a character: an emoji or a rare CJK character
 * is two units, and a cut between them leaves a lone surrogate that is not valid text (servers may refuse the JSON
 * carrying it, and it shows as �).
 */
export function headOfWhole(text: string, length: number): string {
  if (length >= text.length) return text;
  if (length <= 0) return '';
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}
