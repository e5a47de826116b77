import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The model's devices (the shared list, given as children) and the way to register more. */
export function DevicesSection({
  modelId,
  total,
  isWriter,
  children,
}: {
  modelId: string;
  total: number;
  isWriter: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="devices" className="mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="devices" className="text-lg font-semibold text-slate-900">
            Devices
          </h2>
          <p className="text-sm text-slate-600">
            {total === 0 ? "None registered yet." : `${total.toLocaleString("en-US")} registered.`}
          </p>
        </div>
        {isWriter ? (
          <Button asChild>
            <Link href={`/models/${modelId}/devices/new`}>Register device</Link>
          </Button>
        ) : null}
      </div>
      {total > 0 ? children : null}
    </section>
  );
}
