// Runs once in the Next.js server before it serves a request; server.ts
// triggers it at start-up with a health check.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("./lib/server/start-portal");
  await startPortal();
}
