import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";

type Event = { id: string; actorLabel: string; action: string; summary: string; ip: string | null; createdAt: Date };

/** Who did what to this device, and when. */
export function AuditLog({ events }: { events: Event[] }) {
  return (
    <section aria-labelledby="audit-log" className="mt-8">
      <h2 id="audit-log" className="mb-3 text-lg font-semibold text-slate-900">
        Audit log
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing recorded yet.</p>
      ) : (
        <Table aria-label="Audit log">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <Td className="whitespace-nowrap text-slate-600">
                  <DateTime value={event.createdAt} />
                </Td>
                <Td>
                  {event.actorLabel}
                  {event.ip ? <span className="block text-xs text-slate-500">{event.ip}</span> : null}
                </Td>
                <Td>{event.summary}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
