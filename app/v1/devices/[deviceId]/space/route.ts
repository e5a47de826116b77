import { corsPreflight } from "@/lib/server/device-api/device-route";

export { getSpaceInfo as GET } from "@/lib/server/device-api/handlers/device-space";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
