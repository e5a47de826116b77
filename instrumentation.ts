// Runs once when the Next.js server starts, before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  const { prepareDatabase } = await import("./lib/server/db");
  await prepareDatabase();
}
