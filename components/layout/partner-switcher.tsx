"use client";

import { switchPartnerAction } from "@/lib/server/actions/members/switch-partner-action";
import { useFormAction } from "@/components/forms/use-form-action";
import { NativeSelect } from "@/components/ui/input";

/** For members of several partners: choose which one the portal shows (the session's active partner). */
export function PartnerSwitcher({
  partners,
  activeId,
}: {
  partners: { partnerId: string; name: string }[];
  activeId: string;
}) {
  const form = useFormAction(switchPartnerAction);
  return (
    <form action={form.formAction} onSubmit={form.onSubmit}>
      <NativeSelect
        name="partnerId"
        aria-label="Partner"
        defaultValue={activeId}
        className="h-8 w-44 py-0 text-sm"
        disabled={form.isPending}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {partners.map((partner) => (
          <option key={partner.partnerId} value={partner.partnerId}>
            {partner.name}
          </option>
        ))}
      </NativeSelect>
      <noscript>
        <button type="submit">Switch</button>
      </noscript>
    </form>
  );
}
