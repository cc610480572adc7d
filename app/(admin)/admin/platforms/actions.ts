"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formCheckbox } from "@/lib/api/form-fields";
import {
  connectionInputSchema,
  createConnection,
  deleteConnection,
  testConnection,
  updateConnection,
} from "@/lib/providers/connection-admin";

// The platforms page's actions: a connection to a model platform, its test, its removal. Each is
// an admin action (lib/api/action), whatever page shows the button; messages are in the admin's language.

const idSchema = z.string().min(1).max(64);

export const saveConnectionAction = adminAction(
  // Without a readable id, a new connection.
  connectionInputSchema.extend({ id: idSchema.optional().catch(undefined), enabled: formCheckbox }),
  async ({ id, ...connection }, { t }) => {
    try {
      if (id) {
        const result = await updateConnection(id, connection);
        if (result === "missing") return { ok: false, message: t("platforms.errors.missing") };
        if (result === "key-required")
          return { ok: false, fieldErrors: { apiKey: t("platforms.errors.keyForNewHost") } };
      } else {
        await createConnection(connection);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("ENCRYPTION_KEY")) {
        return { ok: false, message: t("platforms.errors.encryptionKey", { problem: error.message }) };
      }
      throw error;
    }
    revalidatePath("/admin/platforms");
    return { ok: true, message: t("platforms.saved", { label: connection.label }) };
  },
  {
    messages: "admin",
    // The schema (lib/providers/connection-admin) words its messages in English; those an admin
    // can meet are looked up here by field and kind. Anything else keeps Zod's own words.
    issue: (issue, t) => {
      const field = issue.path[0];
      if (field === "label" && issue.code === "too_small") return t("platforms.errors.nameRequired");
      if (field === "baseUrl" && issue.code === "invalid_format") return t("platforms.errors.baseUrlInvalid");
      return undefined;
    },
    // A key is never sent back: a refused form says that the one typed has to be typed again.
    secret: ["apiKey"],
    invalid: (issues, t, sent) =>
      typeof sent.apiKey === "string" && sent.apiKey.trim() !== "" && !issues.some((i) => i.path[0] === "apiKey")
        ? { fieldErrors: { apiKey: t("platforms.errors.keyNotKept") } }
        : {},
  },
);

export const deleteConnectionAction = adminAction(
  idSchema,
  async (id) => {
    const ok = await deleteConnection(id);
    revalidatePath("/admin/platforms");
    return { ok };
  },
  { messages: "admin" },
);

export const testConnectionAction = adminAction(idSchema, async (id) => testConnection(id), {
  messages: "admin",
  invalid: (_issues, t) => ({ message: t("platforms.errors.unknown") }),
});
