import "server-only";
import { NextRequest } from "next/server";
import { AppError, errorResponse } from "../errors";
import { localized, requestLocale } from "../i18n/app-error";
import { BODY_LIMITS, dropBody, readBody } from "./body";
import { checkRequest } from "./request-checks";

// next-auth's own endpoints (/api/auth/*) behind our rules for writes: same-origin, and at most
// BODY_LIMITS.auth of body, read here before next-auth parses it (it would read any size). Not
// JSON-only: its forms are url-encoded, and their CSRF token stays. Our sign-in and sign-out
// forms do not come through here: their server actions call next-auth in-process. OAuth
// providers return by GET (none of ours uses response_mode=form_post, which would be a
// cross-site POST to the callback and be refused here).

type Handler = (request: NextRequest) => Promise<Response>;

export function authEndpoints(handlers: { GET: Handler; POST: Handler }): { GET: Handler; POST: Handler } {
  return {
    GET: handlers.GET,
    async POST(request) {
      let body: Uint8Array<ArrayBuffer>;
      try {
        checkRequest(request, { maxBytes: BODY_LIMITS.auth, json: false });
        body = await readBody(request, BODY_LIMITS.auth);
      } catch (error) {
        await dropBody(request);
        if (error instanceof AppError) return errorResponse(localized(error, await requestLocale()));
        throw error;
      }
      // The same request, its body now the bytes read (the original stream is spent).
      return handlers.POST(new NextRequest(request, { body }));
    },
  };
}
