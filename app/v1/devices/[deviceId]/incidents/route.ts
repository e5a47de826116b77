import { corsPreflight } from "@/lib/server/device-api/device-route";

// The handlers live in lib: server.ts also serves them as fast routes (instrumentation.ts).
export {
  createIncident as POST,
  listIncidents as GET,
  closeAllIncidents as DELETE,
} from "@/lib/server/device-api/handlers/device-incidents";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
