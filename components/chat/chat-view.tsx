"use client";

import { useTranslations } from "use-intl/react";
import type { ConversationSettings } from "@/lib/chat/conversation-settings";
import type { PlatformStatus } from "@/lib/providers/status";
import type { ModelId } from "@/lib/shared/catalog/models";
import { firstSentId, latestContext } from "@/lib/shared/chat/context";
import { textOf } from "@/lib/shared/chat/message";
import type { OpeningPage, ConversationTotals as Totals } from "@/lib/shared/chat/message-page";
import { titleFrom } from "@/lib/shared/chat/title";
import type { SharingMode } from "@/lib/shared/team-policy";
import { SidebarButton } from "../sidebar/sidebar-state";
import { Composer } from "./composer";
import { ContextMeter, NotSentMarker } from "./context-window";
import { errorText, useChatFormat } from "./format";
import { MessageItem } from "./message-item";
import { MessageList } from "./message-list";
import type { PrerenderedAnswers } from "./prerendered-answers";
import { ShareButton } from "./share-button";
import { useChatTurn } from "./use-chat-turn";
import { useTurnSettings } from "./use-turn-settings";

// A conversation: its heading, the messages of the branch shown, and the composer. The turns'
// state lives in use-chat-turn.ts, the composer's settings in use-turn-settings.ts.

export function ChatView({
  id,
  isNew,
  userId,
  title,
  initialPage,
  focusId,
  prerendered,
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
  /** The latest messages of the path shown, or the path through a message a search found. */
  initialPage: OpeningPage;
  /** The message a search found (`?m=`): scrolled to, instead of the newest. */
  focusId?: string;
  /** Stored answers the server rendered (prerendered-answers.tsx). */
  prerendered?: PrerenderedAnswers;
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
  const {
    messages,
    tree,
    totals,
    earlier,
    loadEarlier,
    busy,
    reconnecting,
    error,
    actionError,
    draft,
    send,
    stop,
    actions,
  } = useChatTurn({ id, isNew, initialPage, focusId, settings });

  const firstSent = firstSentId(messages);
  const last = messages.at(-1);
  const firstUserMessage = messages.find((m) => m.role === "user");
  const heading = title ?? (firstUserMessage ? titleFrom(textOf(firstUserMessage)) : t("newChat"));

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-2 border-b border-border px-4 py-2">
        <SidebarButton />
        <h1 className="truncate text-sm font-medium">{heading}</h1>
        <ConversationTotals totals={totals} />
        <ContextMeter messages={messages} />
        {connection && (
          <span className="ml-auto text-xs text-fg-muted">{t("via", { platform: connection.label })}</span>
        )}
        {/* Once an answer exists, the conversation is saved and can be shared. */}
        {sharing !== "off" && messages.some((m) => m.role === "assistant") && (
          <ShareButton conversationId={id} sharing={sharing} />
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
      <MessageList
        messages={messages}
        earlier={earlier}
        loadEarlier={loadEarlier}
        focusId={focusId}
        renderMessage={(m) => {
          const versions = tree.versionsOf(m);
          return (
            <>
              {m.id === firstSent && (
                <NotSentMarker
                  omitted={latestContext(messages)?.omitted ?? 0}
                  summarized={latestContext(messages)?.summarized}
                />
              )}
              <MessageItem
                message={m}
                streaming={busy && m.id === last?.id && m.role === "assistant"}
                busy={busy}
                prerendered={prerendered?.[m.id]}
                decidable={!busy && m.id === last?.id}
                versionIndex={Math.max(0, versions.indexOf(m.id))}
                versionCount={Math.max(1, versions.length)}
                actions={actions}
              />
            </>
          );
        }}
      >
        {messages.length === 0 && (
          <p className="mt-24 text-center text-2xl font-semibold text-fg-muted">{t("empty")}</p>
        )}
        {reconnecting && (
          <p role="status" className="rounded-md border border-border bg-muted px-3 py-2 text-sm text-fg-muted">
            {t("reconnecting")}
          </p>
        )}
        {error && !reconnecting && (
          <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
            {errorText(error, (key) => t(`errors.${key}`))}
          </div>
        )}
        {actionError && (
          <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
            {actionError}
          </div>
        )}
      </MessageList>
      <Composer
        busy={busy}
        disabled={!connection}
        disabledReason={t("noPlatform")}
        connections={platforms.connections}
        profile={profile}
        settings={settings}
        onSettingsChange={change}
        onSend={send}
        onStop={stop}
        draft={draft}
        userId={userId}
      />
    </div>
  );
}

/** Tokens and money spent on the conversation so far, every branch and version included. */
function ConversationTotals({ totals }: { totals: Totals }) {
  const t = useTranslations("chat.totals");
  const format = useChatFormat();
  const { answers, inputTokens: input, outputTokens: output } = totals;
  if (answers === 0) return null;
  const cost = totals.cost && format.money(totals.cost.micros, totals.cost.currency);
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
