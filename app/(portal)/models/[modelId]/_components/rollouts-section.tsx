import Link from "next/link";
import type { ModelRolloutRow } from "@/lib/server/data/rollouts/find-rollout";
import { RolloutStatusBadge } from "@/components/rollouts/rollout-status-badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";

/** The model's firmware rollouts, newest first, each a link to its page. */
export function RolloutsSection({ rollouts }: { rollouts: ModelRolloutRow[] }) {
  if (rollouts.length === 0) return null;
  return (
    <section aria-labelledby="rollouts" className="mt-8">
      <h2 id="rollouts" className="mb-3 text-lg font-semibold text-slate-900">
        Rollouts
      </h2>
      <Table aria-label="Rollouts">
        <thead>
          <tr>
            <Th>Firmware</Th>
            <Th>Status</Th>
            <Th>Devices</Th>
            <Th className="text-right">Succeeded</Th>
            <Th className="text-right">Failed</Th>
            <Th>Started</Th>
          </tr>
        </thead>
        <tbody>
          {rollouts.map((rollout) => (
            <tr key={rollout.id}>
              <Td>
                <Link className="font-mono font-medium text-brand-700 hover:underline" href={`/rollouts/${rollout.id}`}>
                  {rollout.file.version}
                </Link>
              </Td>
              <Td>
                <RolloutStatusBadge status={rollout.status} reason={rollout.pauseReason} />
              </Td>
              <Td className="text-slate-600">
                {rollout.total.toLocaleString("en-US")} ({rollout.targetDescription})
              </Td>
              <Td className="text-right tabular-nums">{rollout.succeeded.toLocaleString("en-US")}</Td>
              <Td className="text-right tabular-nums">{rollout.failed.toLocaleString("en-US")}</Td>
              <Td className="text-slate-600">
                <DateTime value={rollout.createdAt} /> <span className="text-slate-500">by {rollout.createdBy}</span>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
