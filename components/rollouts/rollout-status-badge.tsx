import { Badge } from "@/components/ui/badge";

const TONE = { running: "blue", paused: "amber", completed: "green", cancelled: "neutral" } as const;

/** A rollout's status as a badge; the pause reason, if any, on hover. */
export function RolloutStatusBadge({ status, reason }: { status: string; reason?: string | null }) {
  return (
    <Badge
      tone={TONE[status as keyof typeof TONE] ?? "neutral"}
      title={reason ?? undefined}
      data-testid="rollout-status"
    >
      {status}
    </Badge>
  );
}
