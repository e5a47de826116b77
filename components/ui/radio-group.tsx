"use client";

import { RadioGroup as RadioGroupPrimitive } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

export function RadioGroup({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root className={cn("grid gap-2", className)} {...props} />;
}

/** A radio shown as a card with a title and a description; the whole card is the label. */
export function RadioCard({
  value,
  id,
  title,
  description,
}: {
  value: string;
  id: string;
  title: string;
  description: ReactNode;
}) {
  return (
    <label
      htmlFor={id}
      className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-300 bg-white p-3 has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50"
    >
      <RadioGroupPrimitive.Item
        id={id}
        value={value}
        className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border border-slate-400 bg-white focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none data-[state=checked]:border-brand-600"
      >
        <RadioGroupPrimitive.Indicator className="size-2 rounded-full bg-brand-600" />
      </RadioGroupPrimitive.Item>
      <span>
        <span className="block text-sm font-medium text-slate-900">{title}</span>
        <span className="block text-xs text-slate-600">{description}</span>
      </span>
    </label>
  );
}
