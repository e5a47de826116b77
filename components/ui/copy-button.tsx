"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";
import { toast } from "./toaster";

/** Copies a value to the clipboard and says so; the label names what is copied. */
export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [isCopied, setIsCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setIsCopied(true);
    } catch {
      toast.error("The browser refused clipboard access: select the text and copy it by hand.");
      return;
    }
    setTimeout(() => setIsCopied(false), 1500);
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      aria-label={isCopied ? `${label} copied` : `Copy ${label}`}
      onClick={() => void copy()}
      className={className}
    >
      {isCopied ? <CheckIcon className="text-emerald-600" /> : <CopyIcon />}
    </Button>
  );
}
