import "server-only";
import type { z } from "zod";
import { getRequestUser, type SessionUser } from "../auth/session";
import { AppError, errorResponse } from "../errors";
import { appError, localized, requestLocale } from "../i18n/app-error";
import { describeIssues } from "../shared/chat/request-schema";
import { BODY_LIMITS, dropBody, readJson } from "./body";
import { checkRequest } from "./request-checks";

// The wrapper every API route runs in: a write must be same-origin JSON within the route's byte
// limit (403 / 415 / 413, from headers, before anything else), then the session (401 without
// one), typed errors as JSON responses, and nothing internal leaked on an unexpected failure.

export interface RouteOptions {
  /** "caller": the handler checks the account's standing itself (lib/auth/standing), in a read it makes anyway. */
  standing?: "here" | "caller";
  /** Bytes the body may have; parseBody reads no more (BODY_LIMITS.json unless the route needs more). */
  maxBytes?: number;
}

/** Each request's byte limit, set by its wrapper, for parseBody to read by. */
const limits = new WeakMap<Request, number>();

export function authedRoute<Ctx>(
  handler: (args: { user: SessionUser; request: Request; context: Ctx }) => Promise<Response>,
  { standing = "here", maxBytes = BODY_LIMITS.json }: RouteOptions = {},
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    try {
      checkRequest(request, { maxBytes });
      limits.set(request, maxBytes);
      const user = await getRequestUser(request, { standing });
      if (!user) throw appError("unauthorized", "signIn");
      return await handler({ user, request, context });
    } catch (error) {
      // A refused write's body is taken off the connection, so that the client gets the answer.
      await dropBody(request);
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
  { maxBytes }: Pick<RouteOptions, "maxBytes"> = {},
): (request: Request, context: Ctx) => Promise<Response> {
  return authedRoute(
    async (args) => {
      if (args.user.role !== "admin") throw appError("not_found", "notFound");
      return handler(args);
    },
    { maxBytes },
  );
}

/**
 * The body, validated: at most the wrapper's byte limit for this request (or `maxBytes`), read
 * before it is parsed (413 beyond it, 400 when it is not JSON or not what `schema` wants).
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes }: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const json = await readJson(request, maxBytes ?? limits.get(request) ?? BODY_LIMITS.json);
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
