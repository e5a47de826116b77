// The handler lives in lib: server.ts also serves it as a fast route (instrumentation.ts).
export { sendCommand as POST } from "@/lib/server/portal-api/send-command";

export const dynamic = "force-dynamic";
