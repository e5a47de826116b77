// Next.js's server runtime exposes AsyncLocalStorage globally before its
// request stores are made; this file must be imported before anything that
// imports next/headers or next/cache.
import "next/dist/server/node-environment-baseline";
import { RequestCookies, ResponseCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";

/**
 * Runs `fn` as Next.js runs a server action: inside its request scope, so the
 * real `headers()` reads these request headers (a real session cookie) and
 * the real `revalidatePath` records its paths, and `cookies()` reads them too.
 * Only the fields those read are filled in; the rest of a render's store is
 * irrelevant to an action.
 */
export async function inRequestScope<T>(requestHeaders: Headers, fn: () => Promise<T>): Promise<T> {
  const workStore = { route: "/(role-matrix)", incrementalCache: {}, pendingRevalidatedTags: [] } as unknown;
  // Cookies an action sets (better-auth's nextCookies: a new session) land in `responseCookies`.
  const responseCookies = new ResponseCookies(new Headers());
  const requestStore = {
    type: "request",
    phase: "action",
    headers: requestHeaders,
    cookies: new RequestCookies(requestHeaders),
    mutableCookies: responseCookies,
    userspaceMutableCookies: responseCookies,
  } as unknown;
  return workAsyncStorage.run(workStore as Parameters<typeof workAsyncStorage.run>[0], () =>
    workUnitAsyncStorage.run(requestStore as Parameters<typeof workUnitAsyncStorage.run>[0], fn),
  );
}
