import { corsPreflight } from "@/lib/server/device-api/device-route";

// POST .../dumps/{mime_type}/{filename} and PUT .../dumps/{dump_id}; a catch-all,
// since a MIME type's "/" may arrive as a path segment of its own.
export { sendDump as POST, appendToDump as PUT } from "@/lib/server/device-api/handlers/device-dumps";

export const dynamic = "force-dynamic";
export const OPTIONS = corsPreflight;
