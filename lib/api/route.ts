import "server-only";
import type { z } from "zod";
import { getRequestUser, type SessionUser } from "../auth/session";
import { describeIssues } from "../chat/request-schema";
import { AppError, errorResponse } from "../errors";
import { appError, localized, requestLocale } from "../i18n/app-error";

// The frame every API route runs in: session first (401 without one), typed errors as JSON
// responses, and nothing internal leaked on an unexpected failure.

export function authedRoute<Ctx>(
  handler: (args: { user: SessionUser; request: Request; context: Ctx }) => Promise<Response>,
  /** "caller": the handler checks the account's standing itself (lib/auth/standing), in a read it makes anyway. */
  { standing = "here" }: { standing?: "here" | "caller" } = {},
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await getRequestUser(request, { standing });
      if (!user) throw appError("unauthorized", "signIn");
      return await handler({ user, request, context });
    } catch (error) {
      // Worded in the user's language; the code stays the same for API clients.
      const locale = await requestLocale();
      if (error instanceof AppError) return errorResponse(localized(error, locale));
      if (isForeignKeyViolation(error)) {
        // A session whose user no longer exists (e.g. the database was reset).
        return errorResponse(localized(appError("unauthorized", "accountMissing"), locale));
      }
      console.error("api: unexpected error", error);
      return errorResponse(localized(appError("internal", "internal"), locale));
    }
  };
}

/**
 * An authed route for admins only; anyone else gets a 404, as admin pages do. The role is the
 * account row's, read by authedRoute's session check.
 */
export function adminRoute<Ctx>(
  handler: (args: { user: SessionUser; request: Request; context: Ctx }) => Promise<Response>,
): (request: Request, context: Ctx) => Promise<Response> {
  return authedRoute(async (args) => {
    if (args.user.role !== "admin") throw appError("not_found", "notFound");
    return handler(args);
  });
}

export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    throw appError("bad_request", "badJson");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw appError(
      "bad_request",
      "invalidRequest",
      { issues: describeIssues(parsed.error) },
      {
        details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
    );
  }
  return parsed.data;
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2003";
}
