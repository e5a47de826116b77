import { LockIcon } from "lucide-react";
import type { CommunicationProtocol } from "@/lib/schemas/model";
import { Badge } from "@/components/ui/badge";

/** The model's protocol; with isLocked it says that it can never change. */
export function ProtocolBadge({ protocol, isLocked = false }: { protocol: CommunicationProtocol; isLocked?: boolean }) {
  return (
    <Badge
      tone={protocol === "MQTT" ? "violet" : "blue"}
      title={isLocked ? "Fixed at creation; cannot be changed" : undefined}
    >
      {isLocked ? <LockIcon aria-hidden className="size-3" /> : null}
      {protocol}
      {isLocked ? <span className="sr-only"> (locked)</span> : null}
    </Badge>
  );
}
