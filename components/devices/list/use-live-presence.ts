"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { DevicePresence } from "@/lib/devices/device-status";

type PresenceAnswer = {
  at: number;
  devices: { id: string; isEnabled: boolean; isConnected: boolean; lastSeenAt: string | null }[];
};

const POLL_MS = 1_000;
const CLOCK_MS = 5_000;

/**
 * Live presence for the devices on screen: polls the change feed once a
 * second for what changed since the last answer (a handful of primary-key
 * reads, not the list), and ticks a clock so a connected device that goes
 * silent past its threshold turns offline while the page is open.
 */
export function useLivePresence(ids: readonly string[]): { updates: ReadonlyMap<string, DevicePresence>; now: Date } {
  const since = useRef<number | undefined>(undefined);
  const [updates, setUpdates] = useState<ReadonlyMap<string, DevicePresence>>(new Map());
  const [now, setNow] = useState(() => new Date());
  const key = ids.join(",");

  const { data } = useQuery({
    queryKey: ["device-presence", key],
    enabled: ids.length > 0,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    queryFn: async ({ signal }): Promise<PresenceAnswer> => {
      const params = new URLSearchParams({ ids: key, ...(since.current ? { since: String(since.current) } : {}) });
      const response = await fetch(`/api/devices/presence?${params}`, { signal, cache: "no-store" });
      if (!response.ok) throw new Error(`presence feed answered ${response.status}`);
      const answer = (await response.json()) as PresenceAnswer;
      since.current = answer.at;
      return answer;
    },
  });

  useEffect(() => {
    if (!data || data.devices.length === 0) return;
    setUpdates((current) => {
      const next = new Map(current);
      for (const device of data.devices)
        next.set(device.id, { ...device, lastSeenAt: device.lastSeenAt ? new Date(device.lastSeenAt) : null });
      return next;
    });
    setNow(new Date());
  }, [data]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);

  return { updates, now };
}
