import { Badge } from "@/components/ui/badge";

type Presence = { isEnabled: boolean; isConnected: boolean; lastSeenAt: Date | null };

/** Online, offline, never connected or disabled, from the hub's presence. */
export function DeviceStatusBadge({ device }: { device: Presence }) {
  if (!device.isEnabled) return <Badge tone="neutral">Disabled</Badge>;
  if (device.isConnected) return <Badge tone="green">Online</Badge>;
  if (device.lastSeenAt) return <Badge tone="amber">Offline</Badge>;
  return <Badge tone="neutral">Never connected</Badge>;
}
