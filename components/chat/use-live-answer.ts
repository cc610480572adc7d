"use client";

import type { Chat } from "@ai-sdk/react";
import type { ChatOnFinishCallback } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";
import { refreshConversations } from "../sidebar/conversations-key";

// The browser is a viewer of answers the server writes (lib/generation). This hook follows the
// answer being written when the chat opens on one (the AI SDK's resumeStream: the server replays
// it from its start, then live); follows it again after the connection broke or the browser went
// offline (once back online or visible, else with a backoff); shows what the server saved of an
// answer that ended without this tab seeing its end (stopped from another tab, ended while away);
// and stops an answer by asking the server (DELETE), so that every viewer sees it stop. Leaving
// the page only stops following: nothing here ever stops an answer on unload.

type FinishEvent = Parameters<ChatOnFinishCallback<ChatMessage>>[0];

/** Automatic tries to follow one answer again (going online or visible always tries once more). */
const MAX_RETRIES = 8;
const MAX_DELAY_MS = 15_000;

export function useLiveAnswer({
  chat,
  conversationId,
  opensLive,
  setMessages,
}: {
  chat: Chat<ChatMessage>;
  conversationId: string;
  /** The chat opened on an answer being written: follow it at once. */
  opensLive: boolean;
  setMessages: (update: (messages: ChatMessage[]) => ChatMessage[]) => void;
}) {
  const [reconnecting, setReconnecting] = useState(false);
  const mounted = useRef(false);
  const disconnected = useRef(false);
  const retry = useRef<{ timer?: ReturnType<typeof setTimeout>; answerId?: string; count: number }>({ count: 0 });
  /** Stop was asked for before the answer started: ask the server once it has. */
  const stopWanted = useRef(false);
  /** The answer this tab stopped (shown as stopped at once, then as the server saved it). */
  const stoppedHere = useRef<string | null>(null);
  /** A stop the server could not be asked for (offline): asked again once the browser is back. */
  const stopWhenBack = useRef<string | null>(null);
  const settling = useRef(new Set<string>());
  const url = `/api/chat/${encodeURIComponent(conversationId)}/stream`;

  const replace = useCallback(
    (id: string, update: (m: ChatMessage) => ChatMessage) =>
      setMessages((all) => all.map((m) => (m.id === id ? update(m) : m))),
    [setMessages],
  );

  const connected = useCallback(() => {
    disconnected.current = false;
    clearTimeout(retry.current.timer);
    setReconnecting(false);
  }, []);

  // Set below (follow and showSaved call each other).
  const follow = useRef<() => Promise<void>>(async () => {});

  /** Tries again later, a bounded number of times per answer (online and visible try at once). */
  const later = useCallback(() => {
    clearTimeout(retry.current.timer);
    const answerId = chat.lastMessage?.id;
    if (retry.current.answerId !== answerId) retry.current = { answerId, count: 0 };
    if (stopWhenBack.current || retry.current.count >= MAX_RETRIES || !navigator.onLine) return;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** retry.current.count++);
    retry.current.timer = setTimeout(() => void follow.current(), delay);
  }, [chat]);

  /** The connection broke while the answer was being written: it goes on, and is followed again. */
  const lost = useCallback(() => {
    disconnected.current = true;
    setReconnecting(true);
    later();
  }, [later]);

  /** Shows an answer as the server saved it, once it has (it was stopped, failed, or ended unseen). */
  const showSaved = useCallback(
    async (id: string) => {
      if (settling.current.has(id)) return;
      settling.current.add(id);
      try {
        const saved = await savedMessage(conversationId, id);
        if (!mounted.current || !saved) return;
        if (saved.metadata?.status === "streaming") {
          // Still being written: this tab's stream ended early (closed on the way). Follow it again.
          later();
          return;
        }
        replace(id, () => saved);
      } finally {
        settling.current.delete(id);
      }
    },
    [conversationId, later, replace],
  );

  follow.current = async () => {
    if (!mounted.current || stopWhenBack.current || chat.status === "submitted" || chat.status === "streaming") return;
    clearTimeout(retry.current.timer);
    await chat.resumeStream();
    if (!mounted.current) return;
    if (chat.status === "error" && isNetworkError(chat.error)) {
      lost();
      return;
    }
    connected();
    // Nothing to follow (204) or the stream ended without the answer's end: show what was saved.
    const last = chat.lastMessage;
    if (last && isBeingWritten(last) && !stopWhenBack.current) void showSaved(last.id);
  };

  /** The chat's stream ended (whichever request it was): what that means for the answer. */
  const ended = useCallback(
    ({ message, isAbort, isDisconnect, isError }: FinishEvent) => {
      if (!mounted.current || isAbort) return;
      const shown = chat.messages.some((m) => m.id === message.id);
      if (!shown || message.role !== "assistant") return;
      if (isDisconnect && isBeingWritten(message)) {
        lost();
        return;
      }
      if (stoppedHere.current === message.id) {
        stoppedHere.current = null;
        replace(message.id, (m) => ({ ...m, metadata: { ...m.metadata, status: "stopped" } }));
      }
      // An answer that did not finish (stopped here or elsewhere, failed, or its stream ended
      // without its end) is shown as the server saved it, so that a reload changes nothing.
      if (isError || message.metadata?.status !== "done") void showSaved(message.id);
    },
    [chat, lost, replace, showSaved],
  );

  /** Asks the server to stop the answer (every viewer sees it end); stops following if it cannot. */
  const sendStop = useCallback(
    async (id: string) => {
      const res = await fetch(url, { method: "DELETE" }).catch(() => null);
      if (res?.ok) {
        stopWhenBack.current = null;
        const { stopped } = (await res.json().catch(() => ({}))) as { stopped?: boolean };
        const attached = chat.status === "submitted" || chat.status === "streaming";
        if (stopped) stoppedHere.current = id;
        if (!attached) {
          // Not following it (the connection broke): no stream will say that it ended.
          connected();
          if (stopped) replace(id, (m) => ({ ...m, metadata: { ...m.metadata, status: "stopped" } }));
          void showSaved(id);
        }
        // Nothing was being written yet (a continued answer's row is being written): once it is.
        else if (!stopped && chat.status === "submitted") stopWanted.current = true;
        return;
      }
      // Offline, or refused: this tab stops following it, and asks again once the browser is back.
      stopWhenBack.current = res ? null : id;
      connected();
      await chat.stop();
    },
    [chat, connected, replace, showSaved, url],
  );

  const stop = useCallback(async () => {
    const last = chat.lastMessage;
    if (last?.role === "assistant" && isBeingWritten(last)) await sendStop(last.id);
    // The answer has not started yet (its request is being admitted): stop it once it has.
    else if (chat.status === "submitted") stopWanted.current = true;
    else await chat.stop();
  }, [chat, sendStop]);

  // A stop asked for before the answer started goes to the server as soon as it has.
  const last = chat.lastMessage;
  const lastState = `${last?.id}:${last?.metadata?.status}:${chat.status}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the last message or the chat's status changes
  useEffect(() => {
    if (!stopWanted.current) return;
    if (chat.status === "ready" || chat.status === "error") {
      stopWanted.current = false;
      return;
    }
    const answer = chat.lastMessage;
    if (answer?.role === "assistant" && isBeingWritten(answer)) {
      stopWanted.current = false;
      void sendStop(answer.id);
    }
  }, [lastState]);

  // Opening on an answer being written follows it; leaving stops following (never the answer).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per chat
  useEffect(() => {
    mounted.current = true;
    if (opensLive) void follow.current();
    const again = () => {
      if (stopWhenBack.current) void sendStop(stopWhenBack.current);
      else if (disconnected.current) void follow.current();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") again();
    };
    // Offline, the stream brings nothing more (a lost network often stalls it rather than
    // breaking it): stop reading it now, and follow the answer again from the server once back.
    const offline = () => {
      if (isBeingWritten(chat.lastMessage) && (chat.status === "submitted" || chat.status === "streaming")) {
        disconnected.current = true;
        setReconnecting(true);
        void chat.stop();
      }
    };
    window.addEventListener("online", again);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      mounted.current = false;
      clearTimeout(retry.current.timer);
      window.removeEventListener("online", again);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", onVisible);
      // Left while it is being written: the sidebar marks it, and keeps up until it ends.
      if (chat.status === "submitted" || chat.status === "streaming") refreshConversations();
      void chat.stop();
    };
  }, [chat]);

  return { stop, ended, reconnecting };
}

/** An answer the server is still writing, as the message last said (its row, or its stream's start). */
export function isBeingWritten(message: ChatMessage | undefined): boolean {
  return message?.role === "assistant" && message.metadata?.status === "streaming";
}

/** A failure to reach the server (offline, connection dropped), as the AI SDK tells a disconnect. */
function isNetworkError(error: Error | undefined): boolean {
  return error instanceof TypeError && /fetch|network/i.test(error.message);
}

/** A message as the server saved it, once it is no longer being written (a few tries). */
async function savedMessage(conversationId: string, messageId: string): Promise<ChatMessage | null> {
  let last: ChatMessage | null = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
    const res = await fetch(
      `/api/conversations/${encodeURIComponent(conversationId)}/messages?through=${encodeURIComponent(messageId)}`,
    ).catch(() => null);
    if (!res?.ok) continue;
    const body = (await res.json()) as { messages: ChatMessage[] };
    last = body.messages.find((m) => m.id === messageId) ?? null;
    if (last?.metadata?.status && last.metadata.status !== "streaming") return last;
  }
  return last;
}
