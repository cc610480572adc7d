"use client";

import { Chat, useChat } from "@ai-sdk/react";
import {
  type ChatInit,
  DefaultChatTransport,
  isToolUIPart,
  lastAssistantMessageIsCompleteWithApprovalResponses,
} from "ai";
import { type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl/react";
import { type ChatMessage, textOf } from "@/lib/shared/chat/message";
import {
  ABOVE_FOUND,
  type ConversationTotals,
  MAX_PAGE,
  type MessagePage,
  type OpeningPage,
  PAGE_SIZE,
} from "@/lib/shared/chat/message-page";
import type { TurnSettings } from "@/lib/shared/chat/request-schema";
import { refreshConversations } from "../sidebar/conversations-key";
import type { MessageHandlers } from "./message-item";
import { useConversationTree } from "./use-conversation-tree";
import { isBeingWritten, useLiveAnswer } from "./use-live-answer";
import { turnRequestSettings } from "./use-turn-settings";

// A conversation's turns in the browser, around the AI SDK's useChat: sending a message (a
// refused one goes back to the composer), editing one, answering again, deciding on tool calls,
// stopping and following an answer (use-live-answer.ts), and the versions that several answers
// at once leave; the messages the chat shows are one path of the conversation's tree
// (use-conversation-tree.ts).

/** What the requests sent so far have told: read by the transport and the chat's callbacks. */
interface TurnLog {
  /** The server has accepted the conversation's first message: it has its own address. */
  started: boolean;
  /** The request under way was refused before anything was saved. */
  refused: boolean;
  /** The request under way carries a new message of the user's (not a regenerate or a decision). */
  carriesMessage: boolean;
  /** Answers the request under way asked for: several bring versions to learn when it ends. */
  asked: number;
  /** The conversation is named, or being named (by a cheap model, after its first answer). */
  named: boolean;
}

export function useChatTurn({
  id,
  isNew,
  initialPage,
  focusId,
  settings,
}: {
  id: string;
  isNew: boolean;
  /** A message a search found: read, with what lies between it and the page, if the page lacks it. */
  focusId?: string;
  /** The latest messages of the path shown (or the path through a message a search found). */
  initialPage: OpeningPage;
  /** The settings the next request carries (the composer's, use-turn-settings.ts). */
  settings: TurnSettings;
}) {
  const t = useTranslations("chat");
  const log = useRef<TurnLog>({ started: !isNew, refused: false, carriesMessage: false, asked: 1, named: !isNew });
  // The turn's settings as they are now: also for the request that continues an answer after
  // the user approved or denied its tool calls, which useChat sends by itself.
  const latestSettings = useRef(settings);
  latestSettings.current = settings;
  const [draft, setDraft] = useState<{ text: string } | null>(null);
  // What went wrong with an action on a message (not an answer's own error).
  const [actionError, setActionError] = useState<string | null>(null);
  const tree = useConversationTree(initialPage);
  const initialPath = initialPage.messages;
  const [totals, setTotals] = useState<ConversationTotals>(initialPage.totals);
  const loadingEarlier = useRef(false);
  /** Counts version switches: only the latest one's read is shown. */
  const versionClicks = useRef(0);
  // The chat's callbacks call the latest closures (the Chat is made once, with the transport
  // itself: useChat's own wrapper would hide that the server replays an answer from its start).
  const callbacks = useRef<Pick<ChatInit<ChatMessage>, "onError" | "onFinish">>({});
  const [chat] = useState(
    () =>
      new Chat<ChatMessage>({
        id,
        messages: initialPath,
        transport: turnTransport(id, log, latestSettings),
        // Once every call that asked first is approved or denied, the answer goes on.
        sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
        onError: (error) => callbacks.current.onError?.(error),
        onFinish: (event) => callbacks.current.onFinish?.(event),
      }),
  );
  const { messages, sendMessage, regenerate, status, error, setMessages, addToolApprovalResponse } =
    useChat<ChatMessage>({ chat, experimental_throttle: 40 });
  const live = useLiveAnswer({
    chat,
    conversationId: id,
    opensLive: !isNew && isBeingWritten(initialPath.at(-1)),
    setMessages,
  });
  callbacks.current = {
    onError: () => {
      if (!log.current.refused) return;
      log.current.refused = false;
      // A refused regenerate leaves the (saved) message it answers where it is.
      if (!log.current.carriesMessage) return;
      // useChat applies an updater at once, against its current messages.
      let restored: string | undefined;
      setMessages((all) => {
        const last = all.at(-1);
        if (last?.role !== "user") return all;
        restored = textOf(last);
        return all.slice(0, -1);
      });
      if (restored !== undefined) setDraft({ text: restored });
    },
    onFinish: (event) => {
      // A stop, a failure, a broken connection, an answer that ended unseen: use-live-answer.
      live.ended(event);
      const { message, isAbort, isDisconnect } = event;
      if (isAbort || isDisconnect) return;
      // The answer as saved (and, of several at once, the versions that did not stream), and
      // what the conversation has cost now.
      void learnAnswer(message);
      refreshConversations();
      // A new conversation is named by a cheap model just after its first answer.
      if (!log.current.named) {
        log.current.named = true;
        for (const delay of [1500, 5000]) setTimeout(refreshConversations, delay);
      }
    },
  };
  // While the connection is lost, the answer is still being written (and can be stopped).
  const busy = status === "submitted" || status === "streaming" || live.reconnecting;
  useEffect(() => tree.remember(messages), [messages, tree]);
  // An answer started here (or followed): the sidebar marks its conversation, and keeps up.
  useEffect(() => {
    if (status === "streaming") refreshConversations();
  }, [status]);
  const { stop } = live;

  // Esc stops the answer wherever the focus is (fields that use Esc themselves handle it first;
  // Shift+Esc goes to the message box: components/shortcuts).
  useEffect(() => {
    if (!busy) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.shiftKey && !e.defaultPrevented) void stop();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, stop]);

  function send(text: string, parentId = messages.at(-1)?.id ?? null) {
    void sendMessage({ text, metadata: { parentId, createdAt: Date.now() } });
  }

  /** An edited message is a new version of it: the same parent, the rest of its branch kept. */
  function sendEdit(message: ChatMessage, text: string) {
    tree.remember(messages);
    const parentId = message.metadata?.parentId ?? null;
    setMessages(tree.pathTo(parentId));
    send(text, parentId);
  }

  function regenerateAnswer(message: ChatMessage) {
    tree.remember(messages);
    void regenerate({ messageId: message.id });
  }

  /** A page of the conversation's messages (lib/shared/chat/message-page), learned by the tree. */
  async function readPage(query: Record<string, string>): Promise<MessagePage | null> {
    const search = new URLSearchParams(query);
    const res = await fetch(`/api/conversations/${encodeURIComponent(id)}/messages?${search}`).catch(() => null);
    if (!res?.ok) return null;
    const page = (await res.json()) as MessagePage;
    tree.learn(page);
    if (page.totals) setTotals(page.totals);
    return page;
  }

  /** Shows another version of a message, with the newest branch under it (read first); remembered. */
  async function showVersion(versionId: string) {
    // Clicked quickly through versions, the reads may end out of order: the last click wins.
    const click = ++versionClicks.current;
    if (log.current.started && !(await readPage({ through: versionId }))) {
      setActionError(t("actions.loadFailed"));
      return;
    }
    if (click !== versionClicks.current) return;
    tree.remember(messages);
    const path = tree.through(versionId);
    setMessages(path);
    const headId = path.at(-1)?.id;
    if (headId && log.current.started) {
      // keepalive: a reload or a closed tab right after the switch still keeps it.
      void fetch(`/api/conversations/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ headId }),
        keepalive: true,
      }).catch(() => {});
    }
  }

  /** Reads `count` (or a page of) the messages before the first one shown, and shows them above it. */
  async function loadEarlier(count = PAGE_SIZE) {
    const first = messages[0];
    if (!first?.metadata?.parentId || loadingEarlier.current) return;
    loadingEarlier.current = true;
    try {
      const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, count));
      const page = await readPage({ before: first.id, limit: String(limit) });
      if (!page) return setActionError(t("actions.loadFailed"));
      prepend(first.id, page);
    } finally {
      loadingEarlier.current = false;
    }
  }

  /** Shows a page read above the first message shown (if it is still first). */
  function prepend(firstId: string, page: MessagePage) {
    if (messages[0]?.id !== firstId || page.messages.length === 0) return;
    setMessages((all) => (all[0]?.id === firstId ? [...page.messages, ...all] : all));
  }

  // A message a search found far up a long path: read with everything between it and the page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the page the chat opened with
  useEffect(() => {
    const first = initialPath[0];
    if (!focusId || !first || initialPath.some((m) => m.id === focusId)) return;
    void readPage({ before: first.id, until: focusId, above: String(ABOVE_FOUND) }).then((page) => {
      if (page) prepend(first.id, page);
    });
  }, []);

  /**
   * Reads an answer that ended as saved: shown so (its share of the usage, when several were asked
   * for at once), the versions saved beside it learned, and the conversation's totals brought up.
   */
  async function learnAnswer(answer: ChatMessage) {
    const page = await readPage({ through: answer.id });
    const saved = page?.messages.find((m) => m.id === answer.id);
    if (saved) setMessages((all) => all.map((m) => (m.id === answer.id ? saved : m)));
  }

  /** Deletes a message and what follows it; the chat shows the branch the server now shows. */
  async function removeMessage(message: ChatMessage) {
    setActionError(null);
    const res = await fetch(`/api/conversations/${encodeURIComponent(id)}/messages/${encodeURIComponent(message.id)}`, {
      method: "DELETE",
    }).catch(() => null);
    if (!res?.ok) {
      setActionError(t("actions.deleteFailed"));
      return;
    }
    const { headId } = (await res.json()) as { headId: string | null };
    tree.remember(messages);
    tree.forget(message.id);
    // The path the server now shows: its latest page, joined to what was read above it.
    if (headId) await readPage({});
    const path = headId ? tree.pathTo(headId) : [];
    setMessages(path);
  }

  // Stable handlers for the (memoized) messages, calling the latest closures.
  const latest = useRef({ showVersion, regenerateAnswer, sendEdit, removeMessage });
  latest.current = { showVersion, regenerateAnswer, sendEdit, removeMessage };
  const actions = useMemo<MessageHandlers>(
    () => ({
      selectVersion: (message, index) => {
        const versionId = tree.versionsOf(message)[index];
        if (versionId) void latest.current.showVersion(versionId);
      },
      regenerate: (message) => latest.current.regenerateAnswer(message),
      edit: (message, text) => latest.current.sendEdit(message, text),
      remove: (message) => void latest.current.removeMessage(message),
      decideTool: (approvalId, approved) =>
        void addToolApprovalResponse({
          id: approvalId,
          approved,
          // Told to the model, not shown: it stays in English whatever the interface language.
          reason: approved ? undefined : "The user denied this tool call.",
        }),
    }),
    [tree, addToolApprovalResponse],
  );

  return {
    /** The path of the conversation the chat shows. */
    messages,
    /** What the browser knows of the conversation's tree, and the versions of each message. */
    tree,
    /** What the conversation has cost so far, as last read. */
    totals,
    /** How many messages the path shown has above the first one read (0: all of it is read). */
    earlier: tree.earlierThan(messages),
    loadEarlier,
    /** An answer is being written (or followed again after the connection broke). */
    busy,
    reconnecting: live.reconnecting,
    /** What went wrong with the last answer (not shown while reconnecting). */
    error,
    /** What went wrong with an action on a message. */
    actionError,
    /** A message the server refused, given back to the composer. */
    draft,
    send: (text: string) => send(text),
    stop: () => void stop(),
    actions,
  };
}

/**
 * The chat's transport: only the new message travels, with the message it follows and the turn's
 * settings (the server reads the history from the database); a regenerate names the message to
 * answer again; decisions on tool calls travel alone.
 */
function turnTransport(id: string, log: RefObject<TurnLog>, settings: RefObject<TurnSettings>) {
  return new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    // A new conversation exists once the server has accepted its first message: only then
    // does it get its own address, so that a refused first message (too long, session
    // expired) does not leave the browser on a page that would be Not found.
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      // Following an answer (GET) is not sending one.
      if (init?.method !== "POST") return res;
      // Refused before anything was saved (expired session, bad request, unknown model, an
      // answer still being written here, too many being written): the message goes back to
      // the composer instead of staying in a branch it is not in.
      log.current.refused = !res.ok;
      if (res.ok && !log.current.started) {
        log.current.started = true;
        window.history.replaceState(null, "", `/chat/${id}`);
      }
      return res;
    },
    // The user's values travel and are kept as set; the server fits them to the platform, as the
    // panel shows.
    body: () => {
      // Remembered for when the answer ends: several answers bring versions to learn.
      log.current.asked = settings.current.candidates;
      return turnRequestSettings(settings.current);
    },
    prepareSendMessagesRequest: ({ id, messages, body, trigger }) => {
      const last = messages.at(-1);
      log.current.carriesMessage = trigger === "submit-message" && last?.role === "user";
      if (trigger === "regenerate-message") {
        return { body: { id, trigger, parentId: last?.id ?? null, ...body } };
      }
      // The user decided on the tool calls an answer asked about: only the decisions travel.
      if (last?.role === "assistant") {
        const approvals = last.parts.flatMap((p) =>
          isToolUIPart(p) && p.state === "approval-responded" ? [p.approval] : [],
        );
        return { body: { id, trigger: "respond-to-tools", messageId: last.id, approvals, ...body } };
      }
      const parentId = last?.metadata?.parentId ?? messages.at(-2)?.id ?? null;
      return { body: { id, trigger, message: last, parentId, ...body } };
    },
  });
}
