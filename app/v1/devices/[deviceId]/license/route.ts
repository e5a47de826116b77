import { corsPreflight } from "@/lib/server/device-api/device-route";

// Xyte's reference names both /license and /licenses; the handlers live in lib
// (server.ts also serves them as fast routes: instrumentation.ts).
export { getLicenses as GET, updateLicense as POST } from "@/lib/server/device-api/handlers/device-licenses";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
