import "server-only";
import type { z } from "zod";
import { getRequestUser, type SessionUser } from "../auth/session";
import { describeIssues } from "../chat/request-schema";
import { AppError, errorResponse } from "../errors";

// The frame every API route runs in: session first (401 without one), typed errors as JSON
// responses, and nothing internal leaked on an unexpected failure.

export function authedRoute<Ctx>(
  handler: (args: { user: SessionUser; request: Request; context: Ctx }) => Promise<Response>,
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await getRequestUser(request);
      if (!user) throw new AppError("unauthorized", "Sign in to continue.");
      return await handler({ user, request, context });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      if (isForeignKeyViolation(error)) {
        // A session whose user no longer exists (e.g. the database was reset).
        return errorResponse(new AppError("unauthorized", "Your account no longer exists. Sign in again."));
      }
      console.error("api: unexpected error", error);
      return errorResponse(new AppError("internal", "Something went wrong on our side. Try again."));
    }
  };
}

export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("bad_request", `Invalid request: ${describeIssues(parsed.error)}`, {
      details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2003";
}
