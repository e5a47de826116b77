// The one byte range of an HTTP Range header (RFC 9110 §14), for resumable
// firmware downloads. Several ranges, or a header that is not a byte range,
// are answered with the whole file, as the RFC allows.

export type ByteRange = { start: number; end: number };

/**
 * The range `header` asks of a `size`-byte file: null for the whole file,
 * "unsatisfiable" when it starts past the end (416).
 */
export function parseByteRange(header: string | null, size: number): ByteRange | null | "unsatisfiable" {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === "" && last === "") return null;
  if (first === "") {
    // "bytes=-500": the last 500 bytes.
    const length = Number(last);
    if (length === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}
