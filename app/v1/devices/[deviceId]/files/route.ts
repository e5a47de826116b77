import { corsPreflight } from "@/lib/server/device-api/device-route";

export { listFiles as GET } from "@/lib/server/device-api/handlers/device-files";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
