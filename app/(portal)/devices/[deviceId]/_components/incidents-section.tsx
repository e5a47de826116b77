import { AlertTriangleIcon } from "lucide-react";
import type { IncidentPriority } from "@/lib/schemas/incident";
import type { IncidentRow } from "@/lib/server/data/incidents/incident-select";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { CloseIncidentButton } from "./close-incident-button";

const PRIORITY_TONES: Record<IncidentPriority, "red" | "amber" | "blue" | "neutral"> = {
  critical: "red",
  high: "red",
  moderate: "amber",
  low: "blue",
  planning: "neutral",
};

function IncidentTable({ label, incidents, canClose }: { label: string; incidents: IncidentRow[]; canClose: boolean }) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Priority</Th>
          <Th>Incident</Th>
          <Th>Opened</Th>
          {canClose ? <Th className="sr-only">Actions</Th> : <Th>Closed</Th>}
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id} data-incident-id={incident.id}>
            <Td>
              <Badge tone={PRIORITY_TONES[incident.priority as IncidentPriority] ?? "neutral"}>
                {incident.priority}
              </Badge>
            </Td>
            <Td>
              <span className="font-medium text-slate-900">{incident.title}</span>{" "}
              <code className="text-xs text-slate-500">{incident.issue}</code>
              {incident.description ? (
                <span className="block text-sm whitespace-pre-wrap text-slate-600">{incident.description}</span>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap text-slate-600">
              <DateTime value={incident.createdAt} />
            </Td>
            {canClose ? (
              <Td className="text-right">
                <CloseIncidentButton incidentId={incident.id} title={incident.title} />
              </Td>
            ) : (
              <Td className="whitespace-nowrap text-slate-600">
                {incident.closedAt ? <DateTime value={incident.closedAt} /> : null}
                {incident.closedBy ? (
                  <span className="block text-xs text-slate-500">
                    by {incident.closedBy === "device" ? "the device" : incident.closedBy}
                  </span>
                ) : null}
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** What the device reported as wrong (Xyte's incidents): open ones first, then the latest closed. */
export function IncidentsSection({
  open,
  closed,
  canClose,
}: {
  open: IncidentRow[];
  closed: IncidentRow[];
  canClose: boolean;
}) {
  return (
    <section aria-labelledby="incidents" className="mt-8">
      <h2 id="incidents" className="text-lg font-semibold text-slate-900">
        Incidents
        {open.length > 0 ? <span className="ml-2 text-sm font-normal text-red-700">{open.length} open</span> : null}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Problems the firmware reported with <code>POST /v1/devices/&#123;id&#125;/incidents</code>; it closes them with{" "}
        <code>DELETE</code> when they are gone.
      </p>
      {open.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <AlertTriangleIcon aria-hidden className="size-4 text-slate-400" /> No open incidents.
        </p>
      ) : (
        <IncidentTable label="Open incidents" incidents={open} canClose={canClose} />
      )}
      {closed.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-slate-600">Recently closed ({closed.length})</summary>
          <div className="mt-2">
            <IncidentTable label="Closed incidents" incidents={closed} canClose={false} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
