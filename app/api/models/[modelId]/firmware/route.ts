export { uploadFirmware as POST } from "@/lib/server/portal-api/upload-firmware";

export const dynamic = "force-dynamic";
