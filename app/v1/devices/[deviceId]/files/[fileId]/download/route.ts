import { corsPreflight } from "@/lib/server/device-api/device-route";

// Streamed through Next.js's router, not a fast route: fast routes buffer their answers.
export { downloadFile as GET, downloadFile as HEAD } from "@/lib/server/device-api/handlers/device-files";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
