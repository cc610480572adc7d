import type admin from "@/messages/en/admin.json";
import type auth from "@/messages/en/auth.json";
import type chat from "@/messages/en/chat.json";
import type common from "@/messages/en/common.json";
import type composer from "@/messages/en/composer.json";
import type errors from "@/messages/en/errors.json";
import type keys from "@/messages/en/keys.json";
import type share from "@/messages/en/share.json";
import type sidebar from "@/messages/en/sidebar.json";
import type usage from "@/messages/en/usage.json";

// English is the source: every other language has the same keys (checked by messages.test.ts),
// and use-intl checks keys and arguments against it at compile time.
export interface Messages {
  common: typeof common;
  chat: typeof chat;
  composer: typeof composer;
  sidebar: typeof sidebar;
  auth: typeof auth;
  errors: typeof errors;
  admin: typeof admin;
  usage: typeof usage;
  keys: typeof keys;
  share: typeof share;
}

declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
    Locale: import("../shared/locales").Locale;
  }
}
