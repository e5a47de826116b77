// The handler lives in lib: server.ts also serves it as a fast route (instrumentation.ts).
export { onlineCheck as GET } from "@/lib/server/portal-api/online-check";

export const dynamic = "force-dynamic";
