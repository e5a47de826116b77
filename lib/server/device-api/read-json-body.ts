import "server-only";
import { AppError } from "../errors";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request's JSON body, refused before parsing when it is not JSON (415)
 * or larger than the limit (413), whatever Content-Length claims.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  requireJson(contentType);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return parseJson(await readAtMost(request, maxBytes));
}

/** The same checks and parse for a body already read (the fast routes, lib/runtime/fast-routes.ts). */
export function parseJsonBytes(
  contentType: string | null | undefined,
  bytes: Uint8Array,
  maxBytes = MAX_BODY_BYTES,
): unknown {
  requireJson(contentType);
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return parseJson(bytes);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new AppError("VALIDATION", "body: not valid JSON");
  }
}

function requireJson(contentType: string | null | undefined): void {
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "body: Content-Type must be application/json");
  }
}

const tooLarge = (max: number) => new AppError("PAYLOAD_TOO_LARGE", `body: larger than ${max / 1024} KiB`);

async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
