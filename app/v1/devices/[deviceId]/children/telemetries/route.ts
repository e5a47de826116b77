import { corsPreflight } from "@/lib/server/device-api/device-route";

// The handler lives in lib: server.ts also serves it as a fast route (instrumentation.ts).
export { sendChildTelemetries as POST } from "@/lib/server/device-api/handlers/gateway-telemetry";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
