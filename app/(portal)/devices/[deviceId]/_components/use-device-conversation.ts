"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { HISTORY_KINDS } from "@/lib/device-history/history-events";
import type { Jsonified } from "@/lib/jsonified";
import type { DeviceConversation } from "@/lib/server/data/devices/get-device-conversation";
import type { ChartRange } from "@/lib/schemas/telemetry";

export type Conversation = Jsonified<DeviceConversation>;

const POLL_MS = 1_000;
// While a command or a config waits for the device, its answer should show within a second.
const WAITING_POLL_MS = 400;
const key = (deviceId: string, range: ChartRange) => ["device-conversation", deviceId, range];

/**
 * The device page's live conversation data, refreshed every second while the
 * page is visible; the server-rendered first answer is its initial data.
 */
export function useDeviceConversation(deviceId: string, range: ChartRange, initial: Conversation) {
  return useQuery({
    queryKey: key(deviceId, range),
    initialData: range === "hour" ? initial : undefined,
    placeholderData: (previous) => previous,
    refetchInterval: (query) => (isWaitingForDevice(query.state.data) ? WAITING_POLL_MS : POLL_MS),
    refetchIntervalInBackground: false,
    queryFn: async ({ signal }): Promise<Conversation> => {
      const response = await fetch(`/api/devices/${deviceId}/conversation?range=${range}`, {
        signal,
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`the portal answered ${response.status}`);
      return (await response.json()) as Conversation;
    },
  });
}

/** A command or config sent in the last ten minutes that the device has not answered yet. */
function isWaitingForDevice(data: Conversation | undefined): boolean {
  if (!data) return false;
  const isRecent = (iso: string | null) => iso !== null && Date.now() - Date.parse(iso) < 600_000;
  const { config } = data;
  const isConfigWaiting = isRecent(config.updatedAt) && config.reportedVersion !== config.desiredVersion;
  return (
    isConfigWaiting ||
    data.commands.some(
      (command) => (command.status === "pending" || command.status === "in_progress") && isRecent(command.createdAt),
    )
  );
}

/** Refetch now (after sending a command or saving a config). */
export function useRefreshConversation(deviceId: string): () => void {
  const client = useQueryClient();
  return useCallback(
    () => void client.invalidateQueries({ queryKey: ["device-conversation", deviceId] }),
    [client, deviceId],
  );
}

/** The freshest conversation answer this page has (whichever chart range it was read for). */
export function useLatestConversation(deviceId: string): () => Conversation | undefined {
  const client = useQueryClient();
  return useCallback(() => {
    const cached = client.getQueryCache().findAll({ queryKey: ["device-conversation", deviceId] });
    const freshest = cached.sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0];
    return freshest?.state.data as Conversation | undefined;
  }, [client, deviceId]);
}

/**
 * Whether the device holds a session now, as this page last heard: its
 * presence, or a connect newer than any disconnect in its history (the
 * history is written within 100 ms, presence in batches every 500 ms).
 */
export function isConnectedNow(conversation: Conversation | undefined): boolean {
  if (!conversation) return false;
  if (conversation.presence.isConnected) return true;
  const newest = conversation.history.find(
    (event) => event.kind === HISTORY_KINDS.connected || event.kind === HISTORY_KINDS.disconnected,
  );
  return newest?.kind === HISTORY_KINDS.connected;
}
