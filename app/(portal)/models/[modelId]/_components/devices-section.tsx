import Link from "next/link";
import type { DeviceRow } from "@/lib/server/data/devices/find-devices";
import { DeviceStatusBadge } from "@/components/devices/device-status-badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";


/** The model's latest devices and the way to register more. */
export function DevicesSection({ modelId, devices, total, isWriter }: { modelId: string; devices: DeviceRow[]; total: number; isWriter: boolean }) {
  return (
    <section aria-labelledby="devices" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="devices" className="text-lg font-semibold text-slate-900">
            Devices
          </h2>
          <p className="text-sm text-slate-600">
            {total === 0 ? "None registered yet." : `${total.toLocaleString("en-US")} registered${total > devices.length ? `, latest ${devices.length} shown` : ""}.`}
          </p>
        </div>
        {isWriter ? (
          <Button asChild>
            <Link href={`/models/${modelId}/devices/new`}>Register device</Link>
          </Button>
        ) : null}
      </div>
      {devices.length > 0 ? (
        <Table aria-label="Devices">
          <thead>
            <tr>
              <Th>Serial number</Th>
              <Th>Device ID</Th>
              <Th>Firmware</Th>
              <Th>Status</Th>
              <Th>Registered</Th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id}>
                <Td className="font-medium text-slate-900">
                  <Link href={`/devices/${device.id}`} className="text-brand-700 hover:underline">
                    {device.sn}
                  </Link>
                  {device.name ? <span className="block text-xs font-normal text-slate-500">{device.name}</span> : null}
                </Td>
                <Td className="font-mono text-xs text-slate-600">{device.id}</Td>
                <Td className="tabular-nums">{device.firmwareVersion}</Td>
                <Td>
                  <DeviceStatusBadge device={device} />
                </Td>
                <Td className="text-slate-600">
                  <DateTime value={device.createdAt} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
