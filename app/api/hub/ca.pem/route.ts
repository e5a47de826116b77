import { readFile } from "node:fs/promises";
import { env } from "@/lib/env";
import { offeredCaFile } from "@/lib/hub/tls-config";
import { CA_FILE_NAME } from "@/lib/devices/connect-snippets";

export const dynamic = "force-dynamic";

/**
 * The CA certificate of the hub's TLS listener, for firmware to pin and for
 * `--cafile`. Public: a CA certificate is no secret, and devices fetch it
 * without an account.
 */
export async function GET(): Promise<Response> {
  const config = env();
  const file = offeredCaFile(config);
  if (!file)
    return Response.json(
      {
        error:
          "The hub offers no CA certificate: it has no TLS listener, or a publicly trusted CA signed its certificate",
      },
      { status: 404 },
    );
  const pem = await readFile(file).catch(() => null);
  if (!pem) {
    const error = config.MQTT_TLS_CA_FILE
      ? "MQTT_TLS_CA_FILE could not be read by the portal"
      : "The hub's CA certificate is made when the hub first starts: try again shortly";
    return Response.json({ error }, { status: 503, headers: { "Retry-After": "5" } });
  }
  return new Response(new Uint8Array(pem), {
    headers: {
      "Content-Type": "application/x-pem-file",
      "Content-Disposition": `attachment; filename="${CA_FILE_NAME}"`,
      "Cache-Control": "no-cache",
    },
  });
}
