import { DEVICE_STATUS_LABELS, type DeviceStatus } from "@/lib/devices/device-status";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const TONES = { online: "green", offline: "amber", never: "neutral", disabled: "neutral" } as const;

/** Online, offline, never connected or disabled (see lib/devices/device-status). */
export function DeviceStatusBadge({ status }: { status: DeviceStatus }) {
  return (
    <Badge tone={TONES[status]} data-status={status}>
      {DEVICE_STATUS_LABELS[status]}
    </Badge>
  );
}

const DOTS: Record<DeviceStatus, string> = {
  online: "bg-emerald-500",
  offline: "bg-amber-500",
  never: "bg-slate-300",
  disabled: "bg-slate-400 ring-2 ring-slate-200",
};

/** The list's compact form: a dot and the label. */
export function DeviceStatusDot({ status }: { status: DeviceStatus }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm" data-status={status}>
      <span aria-hidden className={cn("size-2 rounded-full", DOTS[status])} />
      {DEVICE_STATUS_LABELS[status]}
    </span>
  );
}
