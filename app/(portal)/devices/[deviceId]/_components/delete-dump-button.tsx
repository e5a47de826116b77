"use client";

import { deleteDumpSchema } from "@/lib/schemas/dump";
import { deleteDumpAction } from "@/lib/server/actions/dumps/delete-dump-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Deletes a dump after a confirmation, freeing the device's quota. */
export function DeleteDumpButton({ dumpId, fileName }: { dumpId: string; fileName: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Delete ${fileName}`}>
          Delete
        </Button>
      }
      title={`Delete ${fileName}?`}
      description="The file is removed for good; the device's dump quota is freed by its size."
      action={deleteDumpAction}
      schema={deleteDumpSchema}
      fields={{ dumpId }}
      submitLabel="Delete dump"
      pendingLabel="Deleting…"
      isDanger
    />
  );
}
