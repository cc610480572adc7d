"use client";

import { Chat, useChat } from "@ai-sdk/react";
import {
  type ChatInit,
  DefaultChatTransport,
  isToolUIPart,
  lastAssistantMessageIsCompleteWithApprovalResponses,
} from "ai";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl/react";
import type { ModelId } from "@/lib/catalog/models";
import type { ConversationSettings } from "@/lib/chat/conversation-settings";
import { type ChatMessage, textOf } from "@/lib/chat/message";
import { sumUsage } from "@/lib/chat/stored-message";
import { titleFrom } from "@/lib/chat/title";
import type { PlatformStatus } from "@/lib/providers/status";
import type { SharingMode } from "@/lib/team/team-policy";
import { refreshConversations } from "../sidebar/conversations-key";
import { SidebarButton } from "../sidebar/sidebar-state";
import { Composer } from "./composer";
import { errorText, useChatFormat } from "./format";
import { type MessageHandlers, MessageItem } from "./message-item";
import type { PrerenderedAnswers } from "./prerendered-answers";
import { ShareDialog } from "./share-dialog";
import { useConversationTree } from "./use-conversation-tree";
import { isBeingWritten, useLiveAnswer } from "./use-live-answer";
import { turnRequestSettings, useTurnSettings } from "./use-turn-settings";

export function ChatView({
  id,
  isNew,
  userId,
  title,
  initialMessages,
  prerendered,
  initialHeadId,
  initialConnection,
  initialModel,
  initialSettings,
  platforms,
  sharing,
}: {
  id: string;
  isNew: boolean;
  /** The signed-in user: per-user client caches are keyed by it. */
  userId: string;
  title?: string;
  /** Every message of the conversation, all branches. */
  initialMessages: ChatMessage[];
  /** Stored answers the server rendered (prerendered-answers.tsx). */
  prerendered?: PrerenderedAnswers;
  /** The message the chat shows last (null: the newest). */
  initialHeadId?: string | null;
  /** The connection the conversation last used, if any. */
  initialConnection?: string | null;
  initialModel: ModelId;
  initialSettings: ConversationSettings;
  platforms: PlatformStatus;
  /** The team's sharing setting: no Share button when it is off. */
  sharing: SharingMode;
}) {
  const t = useTranslations("chat");
  const { settings, change, connection, profile } = useTurnSettings({
    platforms,
    initialConnection,
    initialModel,
    initialSettings,
  });
  const asked = useRef(1);
  const started = useRef(!isNew);
  const refused = useRef(false);
  /** The request under way carries a new message of the user's (not a regenerate or a decision). */
  const carriesMessage = useRef(false);
  const [draft, setDraft] = useState<{ text: string } | null>(null);
  // What went wrong with an action on a message (not an answer's own error).
  const [actionError, setActionError] = useState<string | null>(null);
  const named = useRef(!isNew);
  const tree = useConversationTree(initialMessages);
  const [initialPath] = useState(() => tree.shown(initialHeadId));
  // The turn's settings as they are now: also for the request that continues an answer after
  // the user approved or denied its tool calls, which useChat sends by itself.
  const turnSettings = useRef<() => object>(() => ({}));
  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatMessage>({
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
          refused.current = !res.ok;
          if (res.ok && !started.current) {
            started.current = true;
            window.history.replaceState(null, "", `/chat/${id}`);
          }
          return res;
        },
        // Only the new message travels, with the message it follows: the server reads the
        // history from the database. Regenerate names the message to answer again.
        body: () => turnSettings.current(),
        prepareSendMessagesRequest: ({ id, messages, body, trigger }) => {
          const last = messages.at(-1);
          carriesMessage.current = trigger === "submit-message" && last?.role === "user";
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
      }),
  );
  const conversationId = id;
  // The chat's callbacks call the latest closures (the Chat is made once, with the transport
  // itself: useChat's own wrapper would hide that the server replays an answer from its start).
  const callbacks = useRef<Pick<ChatInit<ChatMessage>, "onError" | "onFinish">>({});
  const [chat] = useState(
    () =>
      new Chat<ChatMessage>({
        id,
        messages: initialPath,
        transport,
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
    conversationId,
    opensLive: !isNew && isBeingWritten(initialPath.at(-1)),
    setMessages,
  });
  callbacks.current = {
    onError: () => {
      if (!refused.current) return;
      refused.current = false;
      // A refused regenerate leaves the (saved) message it answers where it is.
      if (!carriesMessage.current) return;
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
      // Several answers at once: the ones that did not stream were saved as versions.
      if (asked.current > 1) void learnVersions(message);
      refreshConversations();
      // A new conversation is named by a cheap model just after its first answer.
      if (!named.current) {
        named.current = true;
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

  // The user's values travel and are kept as set; the server fits them to the platform, as the
  // panel shows.
  turnSettings.current = () => {
    // Remembered for when the answer ends: several answers bring versions to learn.
    asked.current = settings.candidates;
    return turnRequestSettings(settings);
  };

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

  /** Shows another version of a message, with the newest branch under it; remembered. */
  function showVersion(id: string) {
    tree.remember(messages);
    const path = tree.through(id);
    setMessages(path);
    const headId = path.at(-1)?.id;
    if (headId && started.current) {
      void fetch(`/api/conversations/${encodeURIComponent(conversationId)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ headId }),
      });
    }
  }

  /** Adds the saved versions of an answer (the other answers asked for with it) to the tree. */
  async function learnVersions(answer: ChatMessage) {
    const res = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}`).catch(() => null);
    if (!res?.ok) return;
    const body = (await res.json()) as { messages: ChatMessage[] };
    const parentId = answer.metadata?.parentId;
    tree.remember(body.messages.filter((m) => m.role === "assistant" && m.metadata?.parentId === parentId));
    // Shown as saved (its share of the usage), and re-rendered with its new version count.
    const saved = body.messages.find((m) => m.id === answer.id);
    setMessages((all) => all.map((m) => (m.id === answer.id && saved ? saved : m)));
  }

  /** Deletes a message and what follows it; the chat shows the branch the server now shows. */
  async function removeMessage(message: ChatMessage) {
    setActionError(null);
    const res = await fetch(
      `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(message.id)}`,
      { method: "DELETE" },
    ).catch(() => null);
    if (!res?.ok) {
      setActionError(t("actions.deleteFailed"));
      return;
    }
    const { headId } = (await res.json()) as { headId: string | null };
    tree.remember(messages);
    tree.forget(message.id);
    setMessages(tree.shown(headId));
  }

  // Stable handlers for the (memoized) messages, calling the latest closures.
  const latest = useRef({ showVersion, regenerateAnswer, sendEdit, removeMessage });
  latest.current = { showVersion, regenerateAnswer, sendEdit, removeMessage };
  const actions = useMemo<MessageHandlers>(
    () => ({
      selectVersion: (message, index) => {
        const id = tree.versionsOf(message)[index];
        if (id) latest.current.showVersion(id);
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

  const scroller = useAutoScroll(messages);
  const last = messages.at(-1);
  const firstUserMessage = messages.find((m) => m.role === "user");
  const heading = title ?? (firstUserMessage ? titleFrom(textOf(firstUserMessage)) : t("newChat"));

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-2 border-b border-border px-4 py-2">
        <SidebarButton />
        <h1 className="truncate text-sm font-medium">{heading}</h1>
        <ConversationTotals messages={messages} known={tree.all} />
        {connection && (
          <span className="ml-auto text-xs text-fg-muted">{t("via", { platform: connection.label })}</span>
        )}
        {/* Once an answer exists, the conversation is saved and can be shared. */}
        {sharing !== "off" && messages.some((m) => m.role === "assistant") && (
          <ShareDialog conversationId={conversationId} sharing={sharing} />
        )}
      </header>
      {!connection && (
        <div role="alert" className="border-b border-warn/40 bg-warn/10 px-4 py-3 text-sm">
          <p className="font-medium">{t("noPlatform")}</p>
          <p className="text-fg-muted">
            {platforms.problem} {t.rich("configurePlatform", { code: (chunks) => <code>{chunks}</code> })}
          </p>
        </div>
      )}
      <div ref={scroller} className="flex-1 overflow-y-auto">
        <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
          {messages.length === 0 && (
            <p className="mt-24 text-center text-2xl font-semibold text-fg-muted">{t("empty")}</p>
          )}
          {messages.map((m) => {
            const versions = tree.versionsOf(m);
            return (
              <MessageItem
                key={m.id}
                message={m}
                streaming={busy && m.id === last?.id && m.role === "assistant"}
                busy={busy}
                prerendered={prerendered?.[m.id]}
                decidable={!busy && m.id === last?.id}
                versionIndex={Math.max(0, versions.indexOf(m.id))}
                versionCount={Math.max(1, versions.length)}
                actions={actions}
              />
            );
          })}
          {live.reconnecting && (
            <p role="status" className="rounded-md border border-border bg-muted px-3 py-2 text-sm text-fg-muted">
              {t("reconnecting")}
            </p>
          )}
          {error && !live.reconnecting && (
            <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
              {errorText(error, (key) => t(`errors.${key}`))}
            </div>
          )}
          {actionError && (
            <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
              {actionError}
            </div>
          )}
        </div>
      </div>
      <Composer
        busy={busy}
        disabled={!connection}
        disabledReason={t("noPlatform")}
        connections={platforms.connections}
        profile={profile}
        settings={settings}
        onSettingsChange={change}
        onSend={send}
        draft={draft}
        userId={userId}
        onStop={() => void stop()}
      />
    </div>
  );
}

/** Keeps the newest message in view while it streams, unless the reader scrolled up. */
function useAutoScroll(dependency: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run whenever the messages change
  useEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [dependency]);
  return ref;
}

/** Tokens and money spent on the conversation so far, every branch and version included. */
function ConversationTotals({ messages, known }: { messages: ChatMessage[]; known: () => ChatMessage[] }) {
  const t = useTranslations("chat.totals");
  const format = useChatFormat();
  const byId = new Map(known().map((m) => [m.id, m]));
  for (const m of messages) byId.set(m.id, m);
  const answered = [...byId.values()].filter((m) => m.metadata?.usage);
  const usages = answered.flatMap((m) => m.metadata?.usage ?? []);
  const answers = usages.length;
  const { inputTokens: input, outputTokens: output } = sumUsage(usages);
  if (answers === 0) return null;
  const costs = answered.flatMap((m) => m.metadata?.cost ?? []);
  const currency = costs[0]?.currency;
  const cost =
    currency &&
    format.money(
      costs.filter((c) => c.currency === currency).reduce((sum, c) => sum + c.micros, 0),
      currency,
    );
  const figures = { answers: format.tokens(answers), prompt: format.tokens(input), completion: format.tokens(output) };
  return (
    <span
      className="hidden text-xs text-fg-muted sm:inline"
      data-testid="conversation-totals"
      title={cost ? t("costDetail", { ...figures, cost }) : t("detail", figures)}
    >
      {cost
        ? t("withCost", { total: format.tokens(input + output), cost })
        : t("tokens", { total: format.tokens(input + output) })}
    </span>
  );
}
