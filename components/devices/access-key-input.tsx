"use client";

import { EyeIcon, EyeOffIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * The access key, taken once from the URL fragment when arriving from
 * registration (a fragment is never sent to a server) and then removed from
 * the address bar and history.
 */
export function useAccessKeyFromFragment(): [string, (key: string) => void] {
  const [accessKey, setAccessKey] = useState("");
  useEffect(() => {
    const key = new URLSearchParams(window.location.hash.slice(1)).get("key");
    if (!key) return;
    setAccessKey(key);
    history.replaceState(null, "", window.location.pathname);
  }, []);
  return [accessKey, setAccessKey];
}

/** A masked access-key field with show/hide. */
export function AccessKeyInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [isVisible, setIsVisible] = useState(false);
  return (
    <div className="min-w-72 flex-1">
      <label htmlFor="access-key" className="block text-sm font-medium text-slate-800">
        Access key
      </label>
      <div className="mt-1.5 flex gap-1">
        <Input
          id="access-key"
          type={isVisible ? "text" : "password"}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="pdk_…"
          className="font-mono"
        />
        <Button type="button" variant="ghost" size="icon" aria-label={isVisible ? "Hide access key" : "Show access key"} onClick={() => setIsVisible((v) => !v)}>
          {isVisible ? <EyeOffIcon /> : <EyeIcon />}
        </Button>
      </div>
    </div>
  );
}
