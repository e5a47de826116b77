import { corsPreflight } from "@/lib/server/device-api/device-route";

// The handler lives in lib: server.ts also serves it as a fast route (instrumentation.ts).
export { closeIncident as DELETE } from "@/lib/server/device-api/handlers/device-incidents";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
