// Set by server.ts from the socket (overwriting anything a client sent), read
// by the device API for per-address rate limits.
export const CLIENT_ADDRESS_HEADER = "x-partner-hub-client-address";

/** A request's headers as the device API reads them: a Web `Headers`, or Node's parsed ones through `nodeHeaders`. */
export type HeaderSource = { get(name: string): string | null };

/** Node's parsed headers (lower-case names) read as a HeaderSource, without copying them into a `Headers`. */
export function nodeHeaders(headers: Record<string, string | string[] | undefined>): HeaderSource {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}
