"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeHardwareKeyAction } from "@/lib/server/actions/hardware-keys/revoke-hardware-key-action";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { toast } from "@/components/ui/toaster";

/** Revokes after an explicit confirmation; the dialog stays open on failure. */
export function RevokeHardwareKeyButton({ keyId, label }: { keyId: string; label: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  function revoke() {
    startTransition(async () => {
      const formData = new FormData();
      formData.set("keyId", keyId);
      const result = await revokeHardwareKeyAction(null, formData);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(result.message ?? "Hardware key revoked");
      setIsOpen(false);
      router.refresh();
    });
  }
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${label}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Revoke "${label}"?`}
        description="Firmware using this key can no longer register new devices. Devices it already registered keep working. This cannot be undone."
      >
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="danger" disabled={isPending} onClick={revoke}>
            {isPending ? "Revoking…" : "Revoke key"}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
