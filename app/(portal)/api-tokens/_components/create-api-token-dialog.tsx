"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { Role } from "@/lib/auth/policy";
import { createApiTokenSchema } from "@/lib/schemas/api-token";
import { createApiTokenAction, type CreatedApiToken } from "@/lib/server/actions/api-tokens/create-api-token-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

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
          <ShownOnceSecret secret={created.secret} copyLabel="API token" testId="api-token-secret">
            This token won&apos;t be shown again. If it is lost, revoke it and create a new one.
          </ShownOnceSecret>
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
      <FormMessage message={form.formMessage} />
      <DialogFormFooter isPending={form.isPending} submitLabel="Create token" pendingLabel="Creating…" />
    </form>
  );
}
