import { corsPreflight } from "@/lib/server/device-api/device-route";

export { registerChild as POST, listChildren as GET } from "@/lib/server/device-api/handlers/child-devices";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
