// Set by server.ts from the socket (overwriting anything a client sent), read
// by the device API for per-address rate limits.
export const CLIENT_ADDRESS_HEADER = "x-partner-hub-client-address";
