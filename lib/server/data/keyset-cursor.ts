import "server-only";
import { AppError } from "../errors";

// Keyset pagination: the cursor is the last row's sort value (an ISO time,
// or null for rows without one) and its id, so a deep page costs the same as
// the first (no OFFSET). Opaque to callers: base64url of [value, id].

export type KeysetCursor = { value: string | null; id: string };

/** The opaque text of a cursor. */
export const encodeCursor = (cursor: KeysetCursor): string =>
  Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString("base64url");

/** The cursor a text names, or a VALIDATION AppError with `message` (a tampered or stale link). */
export function decodeCursor(
  text: string,
  message = "The page link is not valid any more; start from the first page.",
): KeysetCursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(text, "base64url").toString()) as unknown[];
    if ((value === null || (typeof value === "string" && !Number.isNaN(Date.parse(value)))) && typeof id === "string")
      return { value, id };
  } catch {
    // Falls through to the error below.
  }
  throw new AppError("VALIDATION", message, { fieldErrors: { cursor: ["not valid; start from the first page"] } });
}

/**
 * One page from rows fetched with `take + 1`: the rows to show and the cursor
 * after the last of them (null when nothing follows).
 */
export function keysetPage<T extends { id: string }>(
  rows: T[],
  take: number,
  valueOf: (row: T) => Date | null,
): { rows: T[]; nextCursor: string | null } {
  const last = rows.length > take ? rows[take - 1] : undefined;
  if (!last) return { rows, nextCursor: null };
  return {
    rows: rows.slice(0, take),
    nextCursor: encodeCursor({ value: valueOf(last)?.toISOString() ?? null, id: last.id }),
  };
}
