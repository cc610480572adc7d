"use client";

import { useActionState } from "react";
import { type ContinueState, continueSharedChatAction } from "@/app/share/[token]/actions";
import { Button } from "../ui/button";

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
      <Button type="submit" variant="primary" disabled={pending} title={hint}>
        {label}
      </Button>
    </form>
  );
}
