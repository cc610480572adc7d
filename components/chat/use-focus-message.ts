"use client";

import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";

/** Scrolls to the message a search found, once: when it is read (it may come with a later page) and can be. */
export function useFocusMessage(focusId: string | undefined, messages: ChatMessage[], scrollTo: () => boolean) {
  const done = useRef(false);
  const go = useRef(scrollTo);
  go.current = scrollTo;
  useEffect(() => {
    if (!focusId || done.current || !messages.some((m) => m.id === focusId)) return;
    done.current = go.current();
  });
}
