import "server-only";
import type { ConfigReport } from "@/lib/schemas/device-config";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { CONFIG_SELECT } from "./config-payload";
import { writeConfigVersion } from "./set-device-config";

/**
 * A device reports the config it applied (Xyte's Set Config). The version is
 * kept as the reported one. A version above the desired one is a change made
 * on the device itself, which Xyte mirrors: it becomes the desired config, so
 * versions keep growing in one line.
 */
export async function reportDeviceConfig(options: { deviceId: string; report: ConfigReport }): Promise<void> {
  const { deviceId, report } = options;
  await db.$transaction(async (tx) => {
    const device = await tx.device.findUnique({ where: { id: deviceId }, select: CONFIG_SELECT });
    if (!device) throw new AppError("UNAUTHENTICATED", "authorization: unknown device or wrong access key");
    if (report.version > device.configVersion) {
      await writeConfigVersion(tx, device, report.config, "device", report.version);
    }
    await tx.device.update({
      where: { id: deviceId },
      data: { reportedConfigVersion: report.version, reportedConfigAt: new Date(), lastSeenAt: new Date() },
    });
  });
}
