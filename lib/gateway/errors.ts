// The gateway's own refusals, protocol-neutral: each protocol (openai/errors.ts, anthropic/errors.ts)
// words the envelope its way. The message is for the developer calling the API, in English.

export type GatewayErrorCode =
  | "invalid_request"
  | "model_not_found"
  | "unsupported_parameter"
  | "invalid_api_key"
  | "api_access_disabled"
  | "account_disabled";

const STATUS: Record<GatewayErrorCode, number> = {
  invalid_request: 400,
  unsupported_parameter: 400,
  model_not_found: 404,
  invalid_api_key: 401,
  api_access_disabled: 403,
  account_disabled: 403,
};

export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    /** The request field at fault, where there is one ("messages[2].content"). */
    readonly param: string | null = null,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "GatewayError";
    this.status = STATUS[code];
  }
}

export const badRequest = (message: string, param: string | null = null) =>
  new GatewayError("invalid_request", message, param);

export const unsupported = (message: string, param: string) =>
  new GatewayError("unsupported_parameter", message, param);

/** A key the keys module refused (lib/keys/authenticate: 401 bad or revoked, 403 disabled). */
export const keyRefused = (refusal: {
  code: "invalid_api_key" | "api_access_disabled" | "account_disabled";
  message: string;
}) => new GatewayError(refusal.code, refusal.message);
