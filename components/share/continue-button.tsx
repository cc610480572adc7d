"use client";

import { useActionState } from "react";
import { type ContinueState, continueSharedChatAction } from "@/app/share/[token]/actions";

/** "Continue this chat": copies the link into the viewer's conversations, or says why it cannot. */
export function ContinueButton({ token, label, hint }: { token: string; label: string; hint: string }) {
  const [state, action, pending] = useActionState<ContinueState>(continueSharedChatAction.bind(null, token), {});
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      {state.error && (
        <p role="alert" className="max-w-sm text-sm text-danger">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-60"
        title={hint}
      >
        {label}
      </button>
    </form>
  );
}
