import "server-only";
import compile from "icu-minify/compile";
import type { AbstractIntlMessages } from "use-intl";
import enAdmin from "@/messages/en/admin.json";
import enAuth from "@/messages/en/auth.json";
import enChat from "@/messages/en/chat.json";
import enCommon from "@/messages/en/common.json";
import enComposer from "@/messages/en/composer.json";
import enErrors from "@/messages/en/errors.json";
import enKeys from "@/messages/en/keys.json";
import enShare from "@/messages/en/share.json";
import enSidebar from "@/messages/en/sidebar.json";
import enUsage from "@/messages/en/usage.json";
import zhAdmin from "@/messages/zh-CN/admin.json";
import zhAuth from "@/messages/zh-CN/auth.json";
import zhChat from "@/messages/zh-CN/chat.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhComposer from "@/messages/zh-CN/composer.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhKeys from "@/messages/zh-CN/keys.json";
import zhShare from "@/messages/zh-CN/share.json";
import zhSidebar from "@/messages/zh-CN/sidebar.json";
import zhUsage from "@/messages/zh-CN/usage.json";
import type { Locale } from "../shared/locales";

// The interface's messages, one JSON file per area and language (messages/<locale>/<area>.json,
// ICU syntax). They are compiled once per server process (icu-minify), so that the browser gets
// a tiny formatter instead of an ICU parser: use-intl's format-message is aliased to its
// format-only build (next.config.ts, vitest.config.ts).

const SOURCES: Record<Locale, Record<string, unknown>> = {
  en: {
    common: enCommon,
    chat: enChat,
    composer: enComposer,
    sidebar: enSidebar,
    auth: enAuth,
    errors: enErrors,
    admin: enAdmin,
    usage: enUsage,
    keys: enKeys,
    share: enShare,
  },
  "zh-CN": {
    common: zhCommon,
    chat: zhChat,
    composer: zhComposer,
    sidebar: zhSidebar,
    auth: zhAuth,
    errors: zhErrors,
    admin: zhAdmin,
    usage: zhUsage,
    keys: zhKeys,
    share: zhShare,
  },
};

function compileAll(tree: unknown): AbstractIntlMessages {
  // Through JSON: icu-minify builds null-prototype objects, which React cannot pass to the
  // browser (the messages are a client component's props).
  if (typeof tree === "string") return JSON.parse(JSON.stringify(compile(tree))) as AbstractIntlMessages;
  return Object.fromEntries(
    Object.entries(tree as Record<string, unknown>).map(([key, value]) => [key, compileAll(value)]),
  ) as AbstractIntlMessages;
}

const store = globalThis as unknown as { glmMessages?: Partial<Record<Locale, AbstractIntlMessages>> };

export function messagesFor(locale: Locale): AbstractIntlMessages {
  store.glmMessages ??= {};
  const cached = store.glmMessages[locale];
  if (cached) return cached;
  const compiled = compileAll(SOURCES[locale]);
  store.glmMessages[locale] = compiled;
  return compiled;
}

/** The English source, for checking that every language has every message. */
export const sourceMessages = SOURCES;
