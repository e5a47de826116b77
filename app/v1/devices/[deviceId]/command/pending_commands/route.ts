import { corsPreflight } from "@/lib/server/device-api/device-route";

// The handler lives in lib: server.ts also serves it as a fast route (instrumentation.ts).
export { getPendingCommands as GET } from "@/lib/server/device-api/handlers/device-command";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
