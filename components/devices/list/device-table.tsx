"use client";

import Link from "next/link";
import { useState } from "react";
import { deviceStatus, timeAgo } from "@/lib/devices/device-status";
import type { DeviceListRow } from "@/lib/server/data/devices/list-devices";
import { DeviceStatusDot } from "@/components/devices/device-status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { BulkActions } from "./bulk-actions";
import { useLivePresence } from "./use-live-presence";

type Row = Omit<DeviceListRow, "status">;

/** One page of devices with live status, and selection for bulk actions. */
export function DeviceTable({ rows, isWriter, showModel }: { rows: Row[]; isWriter: boolean; showModel: boolean }) {
  const { updates, now } = useLivePresence(rows.map((row) => row.id));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const isAllSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div>
      {isWriter ? <BulkActions selectedIds={[...selected]} onDone={() => setSelected(new Set())} /> : null}
      <Table aria-label="Devices">
        <thead>
          <tr>
            {isWriter ? (
              <Th className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all devices on this page"
                  checked={isAllSelected}
                  onChange={() => setSelected(isAllSelected ? new Set() : new Set(rows.map((row) => row.id)))}
                />
              </Th>
            ) : null}
            <Th>Device</Th>
            {showModel ? <Th>Model</Th> : null}
            <Th>Status</Th>
            <Th>Last seen</Th>
            <Th>Firmware</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const presence = { ...row, ...updates.get(row.id) };
            const status = deviceStatus(presence, row.model, now);
            return (
              <tr
                key={row.id}
                data-device-id={row.id}
                data-status={status}
                className={selected.has(row.id) ? "bg-brand-50" : undefined}
              >
                {isWriter ? (
                  <Td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.sn}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </Td>
                ) : null}
                <Td className="font-medium text-slate-900">
                  <Link href={`/devices/${row.id}`} className="text-brand-700 hover:underline">
                    {row.name ?? row.sn}
                  </Link>
                  <span className="block font-mono text-xs font-normal text-slate-500">
                    {row.name ? row.sn : row.id.slice(0, 8)}
                  </span>
                </Td>
                {showModel ? (
                  <Td>
                    <Link href={`/models/${row.model.id}`} className="text-slate-700 hover:underline">
                      {row.model.name}
                    </Link>
                  </Td>
                ) : null}
                <Td>
                  <DeviceStatusDot status={status} />
                </Td>
                <Td className="text-slate-600">
                  {presence.lastSeenAt ? (
                    <time
                      dateTime={presence.lastSeenAt.toISOString()}
                      title={presence.lastSeenAt.toISOString().replace("T", " ").slice(0, 19) + " UTC"}
                    >
                      {timeAgo(presence.lastSeenAt, now)}
                    </time>
                  ) : (
                    <span className="text-slate-500">Never</span>
                  )}
                </Td>
                <Td className="font-mono text-xs tabular-nums">{row.firmwareVersion}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
