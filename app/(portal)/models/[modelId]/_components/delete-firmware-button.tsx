"use client";

import { deleteFirmwareFileSchema } from "@/lib/schemas/firmware";
import { deleteFirmwareFileAction } from "@/lib/server/actions/firmware/delete-firmware-file-action";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";

/** Deletes a firmware file after an explicit confirmation. */
export function DeleteFirmwareButton({ fileId, version }: { fileId: string; version: string }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Delete ${version}`}>
          Delete
        </Button>
      }
      title={`Delete firmware ${version}?`}
      description="Devices can no longer download it. If it was the newest release, devices are offered the one before it. This cannot be undone."
      action={deleteFirmwareFileAction}
      schema={deleteFirmwareFileSchema}
      fields={{ fileId }}
      submitLabel="Delete file"
      pendingLabel="Deleting…"
      isDanger
    />
  );
}
