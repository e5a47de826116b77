"use client";

import { EyeIcon, EyeOffIcon } from "lucide-react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type AccessKeyState = [string, (key: string) => void];
const AccessKeyContext = createContext<AccessKeyState | null>(null);

/**
 * The access key a partner is working with on a device page, shared by the
 * check panel and the connect snippets so both use the key just entered. It
 * is taken once from the URL fragment when arriving from registration (a
 * fragment is never sent to a server), then removed from the address bar and
 * history. It lives only in this page's memory.
 */
export function AccessKeyProvider({ children }: { children: ReactNode }) {
  const state = useState("");
  const setAccessKey = state[1];
  useEffect(() => {
    const key = new URLSearchParams(window.location.hash.slice(1)).get("key");
    if (!key) return;
    setAccessKey(key);
    history.replaceState(null, "", window.location.pathname);
  }, [setAccessKey]);
  return <AccessKeyContext.Provider value={state}>{children}</AccessKeyContext.Provider>;
}

export function useAccessKey(): AccessKeyState {
  const state = useContext(AccessKeyContext);
  if (!state) throw new Error("useAccessKey needs an <AccessKeyProvider> above it");
  return state;
}

/** A masked access-key field with show/hide, bound to the page's key. */
export function AccessKeyInput() {
  const [value, onChange] = useAccessKey();
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
        <Button
          type="button"
          variant="ghost"
          size="icon"
          aria-label={isVisible ? "Hide access key" : "Show access key"}
          onClick={() => setIsVisible((v) => !v)}
        >
          {isVisible ? <EyeOffIcon /> : <EyeIcon />}
        </Button>
      </div>
    </div>
  );
}
