"use client";

import { AlertDialog, AlertDialogCancel, AlertDialogContent } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

/** Asked before the check connects while the device holds its session: connecting takes the session over. */
export function TakeoverDialog({
  isOpen,
  onCancel,
  onConnect,
}: {
  isOpen: boolean;
  onCancel: () => void;
  onConnect: () => void;
}) {
  return (
    <AlertDialog open={isOpen} onOpenChange={(open) => !open && onCancel()}>
      <AlertDialogContent
        title="The device is connected right now"
        description="The hub keeps one connection per device id: connecting here takes over the device's session (the hub closes the device's connection), and a device that reconnects on its own takes it back from this page."
      >
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel asChild>
            <Button type="button" variant="secondary">
              Cancel
            </Button>
          </AlertDialogCancel>
          <Button type="button" onClick={onConnect}>
            Connect anyway
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
