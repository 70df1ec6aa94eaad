/**
 * Windows-1252 by hand: Node 20's TextDecoder reads it as latin1, losing
 * € and the typographic quotes. It is latin1 but for bytes 0x80-0x9F;
 * the five bytes it leaves undefined stand for themselves, as in WHATWG.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030,
  0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e,
  0x178,
].map((code) => String.fromCharCode(code));

const BYTE_OF = new Map(HIGH.map((char, i) => [char, 0x80 + i]));

/** Text from Windows-1252 bytes; every byte is a character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]);
}

/** Windows-1252 bytes of text, or the first character it cannot hold. */
export function encodeWindows1252(
  text: string,
): Buffer | { unencodable: string } {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte =
      code < 0x80 || (code > 0x9f && code <= 0xff)
        ? code
        : BYTE_OF.get(text[i]);
    if (byte === undefined) return { unencodable: text[i] };
    out[i] = byte;
  }
  return out;
}
