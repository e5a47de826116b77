"use client";

import { PlusIcon, TriangleAlertIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { Role } from "@/lib/auth/policy";
import { createApiTokenSchema } from "@/lib/schemas/api-token";
import { createApiTokenAction, type CreatedApiToken } from "@/lib/server/actions/api-tokens/create-api-token-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogFooter,
  DialogFormFooter,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** Creates a token and shows its secret once: the server keeps only a hash. */
export function CreateApiTokenDialog({ roles }: { roles: Role[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  function onOpenChange(open: boolean) {
    setIsOpen(open);
    if (!open) setCreated(null);
  }
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden />
          Create token
        </Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Token created" description={`Copy the secret of "${created.name}" now.`}>
          <div className="space-y-3">
            <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
              <code data-testid="api-token-secret" className="flex-1 font-mono text-sm break-all text-slate-900">
                {created.secret}
              </code>
              <CopyButton value={created.secret} label="API token" />
            </div>
            <p role="status" className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <TriangleAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
              This token won&apos;t be shown again. If it is lost, revoke it and create a new one.
            </p>
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title="Create API token" description="A token acts with the role you give it.">
          <CreateTokenForm roles={roles} onCreated={setCreated} />
        </DialogContent>
      )}
    </Dialog>
  );
}

function CreateTokenForm({ roles, onCreated }: { roles: Role[]; onCreated: (token: CreatedApiToken) => void }) {
  const router = useRouter();
  const onSuccess = useCallback(
    (token: CreatedApiToken) => {
      onCreated(token);
      router.refresh();
    },
    [onCreated, router],
  );
  const form = useFormAction(createApiTokenAction, { schema: createApiTokenSchema, onSuccess });
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormField id="token-name" label="Name" hint='For example "Factory line 2".' errors={form.fieldErrors.name}>
        {(control) => <Input {...control} name="name" maxLength={60} autoComplete="off" required />}
      </FormField>
      <FormField id="token-role" label="Role" errors={form.fieldErrors.role}>
        {(control) => (
          <select
            {...control}
            name="role"
            defaultValue={roles.includes("developer") ? "developer" : roles[0]}
            className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="token-expiry"
        label="Expires after (days, optional)"
        hint="Empty: never expires."
        errors={form.fieldErrors.expiresInDays}
      >
        {(control) => <Input {...control} name="expiresInDays" type="number" inputMode="numeric" min={1} />}
      </FormField>
      {form.formMessage ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
      <DialogFormFooter isPending={form.isPending} submitLabel="Create token" pendingLabel="Creating…" />
    </form>
  );
}
