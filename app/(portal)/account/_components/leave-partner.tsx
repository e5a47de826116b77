"use client";

import { useState, useTransition } from "react";
import { leavePartnerAction } from "@/lib/server/actions/members/leave-partner-action";
import { Button } from "@/components/ui/button";

/** Leave the partner shown now; the last owner is refused and told why. */
export function LeavePartner({ partnerName }: { partnerName: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const leave = () =>
    startTransition(async () => {
      const result = await leavePartnerAction();
      if (!result.ok) setMessage(result.message);
    });
  return (
    <section aria-labelledby="leave" className="mt-8 rounded-xl border border-red-200 bg-white p-5 shadow-sm">
      <h2 id="leave" className="text-base font-semibold text-slate-900">
        Leave {partnerName}
      </h2>
      <p className="mt-1 text-sm text-slate-600">You lose access to its models and devices at once.</p>
      {message ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <Button variant="danger" className="mt-4" onClick={leave} disabled={isPending}>
        {isPending ? "Leaving…" : `Leave ${partnerName}`}
      </Button>
    </section>
  );
}
