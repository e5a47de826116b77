"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import { licenseTypeSchema } from "@/lib/schemas/license";
import { createLicenseTypeAction } from "@/lib/server/actions/licenses/create-license-type-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** Adds a licence type to the model: a name (a feature, a plan) and what it means. */
export function AddLicenseTypeForm({ modelId }: { modelId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const onSuccess = useCallback(() => {
    formRef.current?.reset();
    router.refresh();
  }, [router]);
  const form = useFormAction(createLicenseTypeAction, { schema: licenseTypeSchema, onSuccess });
  return (
    <form
      ref={formRef}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      aria-label="Add a licence type"
      className="mt-3 flex flex-wrap items-start gap-3 rounded-lg bg-slate-50 p-4"
    >
      <input type="hidden" name="modelId" value={modelId} />
      <FormField id="license-type-name" label="Licence type" errors={form.fieldErrors.name} className="w-56">
        {(control) => <Input {...control} name="name" maxLength={80} placeholder="Pro features" autoComplete="off" />}
      </FormField>
      <FormField
        id="license-type-description"
        label="Description (optional)"
        errors={form.fieldErrors.description}
        className="min-w-64 flex-1"
      >
        {(control) => <Input {...control} name="description" maxLength={500} autoComplete="off" />}
      </FormField>
      <Button type="submit" variant="secondary" className="mt-6" disabled={form.isPending}>
        {form.isPending ? "Adding…" : "Add licence type"}
      </Button>
      {form.formMessage ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {form.formMessage}
        </p>
      ) : null}
    </form>
  );
}
