"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { revokeApiTokenSchema } from "@/lib/schemas/api-token";
import { revokeApiTokenAction } from "@/lib/server/actions/api-tokens/revoke-api-token-action";
import { ConfirmActionForm } from "@/components/forms/confirm-action-form";
import { useFormAction } from "@/components/forms/use-form-action";
import { AlertDialog, AlertDialogContent, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

/** Revokes after an explicit confirmation; on failure the dialog stays open and says why. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const onSuccess = useCallback(() => {
    setIsOpen(false);
    router.refresh();
  }, [router]);
  const form = useFormAction(revokeApiTokenAction, { schema: revokeApiTokenSchema, onSuccess });
  return (
    <AlertDialog open={isOpen} onOpenChange={setIsOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Revoke "${name}"?`}
        description="Every call with this token is refused from now on. This cannot be undone."
      >
        <ConfirmActionForm
          form={form}
          fields={{ tokenId }}
          submitLabel="Revoke token"
          pendingLabel="Revoking…"
          isDanger
        />
      </AlertDialogContent>
    </AlertDialog>
  );
}
