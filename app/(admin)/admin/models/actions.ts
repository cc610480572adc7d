"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formBlankAsNull, formList } from "@/lib/api/form-fields";
import { teamModelsSchema } from "@/lib/shared/team-policy";
import { saveTeamModels } from "@/lib/team/settings";

// The models page's action: which catalog models the team may use, and where a new chat starts.

export const saveTeamModelsAction = adminAction(
  z
    .object({ enabled: formList, defaultModel: formBlankAsNull, defaultConnection: formBlankAsNull })
    .transform(({ enabled, defaultModel, defaultConnection }) => ({
      enabledModels: enabled,
      defaultModel,
      defaultConnectionId: defaultConnection,
    }))
    .pipe(teamModelsSchema),
  async (models, { t }) => {
    await saveTeamModels(models);
    revalidatePath("/admin/models");
    revalidatePath("/", "layout");
    return { ok: true, message: t("saved") };
  },
  {
    messages: "admin.models",
    invalid: (issues, t) => ({
      message: issues[0]?.path[0] === "enabledModels" ? t("errors.noneEnabled") : t("errors.defaultDisabled"),
    }),
  },
);
