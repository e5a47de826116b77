import { corsPreflight } from "@/lib/server/device-api/device-route";

// The handlers live in lib: server.ts also serves them as fast routes (instrumentation.ts).
export {
  getDeviceInfo as GET,
  updateDevice as PUT,
  deleteSelf as DELETE,
} from "@/lib/server/device-api/handlers/update-device";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
