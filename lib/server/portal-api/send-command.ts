import "server-only";
import { newCommandSchema, type NewCommand } from "@/lib/schemas/device-command";
import { queueCommand } from "@/lib/server/data/commands/queue-command";
import { pushCommands } from "@/lib/server/device-conversation/push-to-device";
import { portalWriteRoute, type PortalCall } from "@/lib/server/portal-route";
import { actorOf } from "@/lib/server/auth/session";
import { getHub } from "@/lib/server/start/start-hub";

/**
 * POST /api/devices/{id}/commands {name, parameters}: queues a command for the
 * device and pushes it over MQTT at once when the device listens (the device
 * page's command form; a route, not a server action, because the click to
 * the device's receiving it is timed: bench/command-roundtrip.bench.ts).
 */
type Call = PortalCall<NewCommand, { deviceId: string }>;

export const sendCommand = portalWriteRoute(
  "device.command",
  newCommandSchema,
  async ({ input, viewer, request, params }: Call) => {
    const { deviceId } = params;
    const command = await queueCommand({
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer, request.headers),
      deviceId,
      command: input,
    });
    // Queued first: a device not listening over MQTT takes it over HTTP or when it subscribes.
    const isPushed = await pushCommands(getHub(), deviceId, [command]).then(
      (count) => count > 0,
      (error: unknown) => {
        console.error(`Pushing command ${command.id} failed; it waits in the queue`, error);
        return false;
      },
    );
    return {
      id: command.id,
      isPushed,
      message: isPushed
        ? `Command ${input.name} sent to the device`
        : `Command ${input.name} queued until the device asks for it`,
    };
  },
);
