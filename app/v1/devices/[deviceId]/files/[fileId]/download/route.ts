import { corsPreflight } from "@/lib/server/device-api/device-route";

// server.ts serves GET itself, as a fast route that streams the file to the socket (instrumentation.ts).
export { downloadFile as GET, downloadFile as HEAD } from "@/lib/server/device-api/handlers/device-files";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
