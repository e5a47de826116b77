"use client";

import { TriangleAlertIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { DialogClose, DialogFooter } from "./dialog";

/**
 * A dialog's last view of a secret the server keeps only as a hash: the
 * secret to copy, why it will not be shown again (`children`), and Done.
 */
export function ShownOnceSecret({
  secret,
  copyLabel,
  testId,
  children,
}: {
  secret: string;
  copyLabel: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <>
      <div className="space-y-3">
        <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
          <code data-testid={testId} className="flex-1 font-mono text-sm break-all text-slate-900">
            {secret}
          </code>
          <CopyButton value={secret} label={copyLabel} />
        </div>
        <p role="status" className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <TriangleAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
          {children}
        </p>
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button">Done</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
