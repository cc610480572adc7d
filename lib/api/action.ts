import "server-only";
import type { z } from "zod";
import { requireAdmin, type SessionUser } from "../auth/session";
import { AppError } from "../errors";
import { localized, requestLocale } from "../i18n/app-error";
import { getTranslations } from "../i18n/server";
import type { FormState, SentValue } from "../shared/form-state";
import { formFields } from "./form-fields";

// The wrappers every server action runs in, as ./route's are for API routes: who may call it
// (adminAction: an admin, checked first; formAction: anyone), its input read by a Zod schema,
// a refusal worded in the caller's language with its field errors and what the form sent, and
// typed errors (AppError) answered as a refusal. Same-origin needs no check here: Next.js
// refuses a server action whose Origin is not the site's.

type Namespace = Parameters<typeof getTranslations>[0];
export type Translator<N extends Namespace> = Awaited<ReturnType<typeof getTranslations<N>>>;
type Issue = z.core.$ZodIssue;

/** The fields a form's schema reads (any name for a schema of something else than an object). */
export type FieldOf<S extends z.ZodType> =
  z.input<S> extends Record<string, unknown> ? Extract<keyof z.input<S>, string> : string;

export interface ActionOptions<N extends Namespace, Field extends string> {
  /** The messages the action answers from: its `t`, and that of `issue` and `invalid`. */
  messages: N;
  /** The words for an issue whose schema message (English) is not for the user; undefined keeps it. */
  issue?: (issue: Issue, t: Translator<N>) => string | undefined;
  /**
   * What a refusal by the schema says besides its field errors: a message, more field errors.
   * Input that is not a form (a button's) gets no field errors, so this is all it says.
   */
  invalid?: (
    issues: readonly Issue[],
    t: Translator<N>,
    sent: Readonly<Record<string, unknown>>,
  ) => Pick<FormState<Field>, "message" | "fieldErrors">;
  /** Fields never sent back with a refusal (keys, tokens, passwords): the form shows them empty. */
  secret?: readonly Field[];
}

/** A server action: a form's (useActionState's), or a button's, called with its input. */
export interface Action<Input, State> {
  (input: Input): Promise<State>;
  (previous: State, form: FormData): Promise<State>;
}

type Schema<N extends Namespace, S extends z.ZodType> = S | ((t: Translator<N>) => S);

/** A server action for admins only; anyone else gets a 404 (lib/auth/session#requireAdmin). */
export function adminAction<N extends Namespace, S extends z.ZodType, Data = never>(
  schema: Schema<N, S>,
  fn: (input: z.output<S>, context: { admin: SessionUser; t: Translator<N> }) => Promise<FormState<FieldOf<S>, Data>>,
  options: ActionOptions<N, FieldOf<S>>,
): Action<z.input<S>, FormState<FieldOf<S>, Data>> {
  return wrap(async () => ({ admin: await requireAdmin() }), schema, fn, options);
}

/** A server action anyone may call (signing in); `fn` checks whatever else it needs itself. */
export function formAction<N extends Namespace, S extends z.ZodType, Data = never>(
  schema: Schema<N, S>,
  fn: (input: z.output<S>, context: { t: Translator<N> }) => Promise<FormState<FieldOf<S>, Data>>,
  options: ActionOptions<N, FieldOf<S>>,
): Action<z.input<S>, FormState<FieldOf<S>, Data>> {
  return wrap(async () => ({}), schema, fn, options);
}

function wrap<N extends Namespace, S extends z.ZodType, Data, Ctx extends object>(
  guard: () => Promise<Ctx>,
  schema: Schema<N, S>,
  fn: (input: z.output<S>, context: Ctx & { t: Translator<N> }) => Promise<FormState<FieldOf<S>, Data>>,
  options: ActionOptions<N, FieldOf<S>>,
): Action<z.input<S>, FormState<FieldOf<S>, Data>> {
  type State = FormState<FieldOf<S>, Data>;
  const run = async (...args: unknown[]): Promise<State> => {
    // Before anything is read: a caller who may not, learns nothing else.
    const context = await guard();
    const form = args.find((arg): arg is FormData => arg instanceof FormData);
    const sent = form ? formFields(form) : args[0];
    const t = await getTranslations(options.messages);
    const refused = (state: State): State => ({
      ...state,
      ok: false,
      ...(form && { values: kept(sent as Record<string, SentValue>, options.secret ?? []) }),
    });
    const parsed = await (typeof schema === "function" ? schema(t) : schema).safeParseAsync(sent);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const fieldErrors: Partial<Record<string, string>> = {};
      for (const issue of form ? issues : []) {
        const field = issue.path[0];
        if (typeof field === "string" && fieldErrors[field] === undefined) {
          fieldErrors[field] = options.issue?.(issue, t) ?? issue.message;
        }
      }
      const more = options.invalid?.(issues, t, isRecord(sent) ? sent : {}) ?? {};
      Object.assign(fieldErrors, more.fieldErrors);
      return refused({
        ...(more.message !== undefined && { message: more.message }),
        ...(Object.keys(fieldErrors).length > 0 && { fieldErrors }),
      });
    }
    try {
      const state = await fn(parsed.data, { ...context, t });
      return state.ok === false ? refused(state) : state;
    } catch (error) {
      if (error instanceof AppError) return refused({ message: localized(error, await requestLocale()).message });
      throw error;
    }
  };
  return run as Action<z.input<S>, State>;
}

function kept(sent: Record<string, SentValue>, secret: readonly string[]): Record<string, SentValue> {
  return Object.fromEntries(Object.entries(sent).filter(([name]) => !secret.includes(name)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
