"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { SessionRow } from "@/lib/server/data/account/find-sessions";
import { endOtherSessionsAction } from "@/lib/server/actions/account/end-other-sessions-action";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td, Th } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";

/** Where the user is signed in, and a way to end every session but this one. */
export function SessionsSection({ sessions, currentId }: { sessions: SessionRow[]; currentId: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const endOthers = () =>
    startTransition(async () => {
      const result = await endOtherSessionsAction();
      if (result.ok) toast.success(result.message ?? "Done");
      else toast.error(result.message);
      router.refresh();
    });
  return (
    <section aria-labelledby="sessions" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <h2 id="sessions" className="text-lg font-semibold text-slate-900">
          Active sessions
        </h2>
        <Button variant="secondary" size="sm" onClick={endOthers} disabled={isPending || sessions.length < 2}>
          End other sessions
        </Button>
      </div>
      <Table aria-label="Active sessions">
        <thead>
          <tr>
            <Th>Browser</Th>
            <Th>Address</Th>
            <Th>Signed in</Th>
            <Th>Last active</Th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <Td className="max-w-md truncate" title={session.userAgent ?? undefined}>
                {session.userAgent ?? "Unknown"}
                {session.id === currentId ? <span className="ml-2 font-medium text-brand-700">(this one)</span> : null}
              </Td>
              <Td>{session.ipAddress ?? "Unknown"}</Td>
              <Td>
                <DateTime value={session.createdAt} />
              </Td>
              <Td>
                <DateTime value={session.lastActiveAt} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
