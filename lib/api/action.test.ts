import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { adminAction, formAction } from "./action";
import { formCheckbox, formList, formReading, formText } from "./form-fields";

// The wrappers' own rules, with the session and the translations stood in for: the check comes
// first, a form's refusal carries its field errors and what was sent (no secret), a button's only
// its message, and a typed error is answered, anything else thrown on.

const session = vi.hoisted(() => ({ role: "admin" as "admin" | "member" }));

vi.mock("../auth/session", () => ({
  requireAdmin: async () => {
    if (session.role !== "admin") throw new Error("NEXT_HTTP_ERROR_FALLBACK;404");
    return { id: "admin-1", email: "a@example.test", role: "admin" };
  },
}));
// `t` answers with the key and its values, which is what these tests compare.
vi.mock("../i18n/server", () => ({
  getLocale: async () => "en",
  getTranslations: async () => (key: string, values?: Record<string, unknown>) =>
    values ? `${key} ${JSON.stringify(values)}` : key,
}));

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const readNumber = (text: string) => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : "invalid");

const save = adminAction(
  (t) =>
    z.object({
      name: formText.pipe(z.string().min(1, "too short")),
      amount: formReading(readNumber, t("errors.number")),
      token: formText,
      enabled: formCheckbox,
      models: formList,
    }),
  async (input, { admin, t }) => {
    if (input.name === "taken") return { ok: false, fieldErrors: { name: t("errors.unknownModel") } };
    if (input.name === "typed") throw new AppError("conflict", "Typed refusal.");
    if (input.name === "crash") throw new Error("boom");
    return { ok: true, message: JSON.stringify({ by: admin.id, ...input }) };
  },
  {
    messages: "admin.prices",
    issue: (issue) => (issue.path[0] === "name" ? "errors.name" : undefined),
    secret: ["token"],
  },
);

describe("adminAction", () => {
  beforeEach(() => {
    session.role = "admin";
  });

  it("reads a form into the schema's input and answers fn's state", async () => {
    const state = await save(
      {},
      form([
        ["name", "Ada"],
        ["amount", "3"],
        ["token", "s3cret"],
        ["enabled", "on"],
        ["models", "a"],
        ["models", "b"],
        ["$ACTION_ID_x", ""],
      ]),
    );
    expect(state).toEqual({
      ok: true,
      message: JSON.stringify({
        by: "admin-1",
        name: "Ada",
        amount: 3,
        token: "s3cret",
        enabled: true,
        models: ["a", "b"],
      }),
    });
  });

  it("refuses a form with each field's first error, worded by `issue` or the schema, and what was sent but secrets", async () => {
    const state = await save(
      {},
      form([
        ["name", ""],
        ["amount", "many"],
        ["token", "s3cret"],
      ]),
    );
    expect(state).toEqual({
      ok: false,
      fieldErrors: { name: "errors.name", amount: "errors.number" },
      values: { name: "", amount: "many" },
    });
  });

  it("sends the form back with a refusal fn returns, or a typed error it throws", async () => {
    const sent = form([
      ["name", "taken"],
      ["amount", "1"],
      ["token", "s3cret"],
    ]);
    expect(await save({}, sent)).toEqual({
      ok: false,
      fieldErrors: { name: "errors.unknownModel" },
      values: { name: "taken", amount: "1" },
    });
    sent.set("name", "typed");
    expect(await save({}, sent)).toEqual({
      ok: false,
      message: "Typed refusal.",
      values: { name: "typed", amount: "1" },
    });
    sent.set("name", "crash");
    await expect(save({}, sent)).rejects.toThrow("boom");
  });

  it("checks the admin before it reads anything", async () => {
    session.role = "member";
    const schema = z.object({ id: z.string() });
    const parse = vi.spyOn(schema, "safeParseAsync");
    const remove = adminAction(schema, async () => ({ ok: true }), { messages: "admin" });
    await expect(remove({ id: "x" })).rejects.toThrow("404");
    expect(parse).not.toHaveBeenCalled();
  });

  it("answers a button's refused input with `invalid` alone", async () => {
    const remove = adminAction(z.string().min(1), async (id) => ({ ok: true, message: id }), {
      messages: "admin",
      invalid: (_issues, t) => ({ message: t("mcp.errors.unknown") }),
    });
    expect(await remove("")).toEqual({ ok: false, message: "mcp.errors.unknown" });
    expect(await remove("abc")).toEqual({ ok: true, message: "abc" });
  });
});

describe("formAction", () => {
  it("needs no session", async () => {
    session.role = "member";
    const hello = formAction(z.object({ name: formText }), async ({ name }) => ({ ok: true, message: name }), {
      messages: "auth",
    });
    expect(await hello({}, form([["name", "Ada"]]))).toEqual({ ok: true, message: "Ada" });
  });
});
