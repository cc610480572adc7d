import "server-only";
import { BODY_LIMITS, readJson } from "../../api/body";
import { promptText } from "../../spend/prompt-bound";
import { countTokens, loadTokenizer } from "../../spend/tokens";
import { promptMessages } from "../call";
import { badRequest } from "../errors";
import { resolveModel } from "../models";
import { describeIssue } from "../openai/request-schema";
import { toModelMessages } from "./convert-messages";
import { anthropicErrorResponse } from "./errors";
import { toolsOf } from "./messages";
import { countTokensRequestSchema, systemText } from "./request-schema";

// POST /v1/messages/count_tokens: `{ input_tokens }` for a Messages request's system prompt,
// messages and tools, from our own estimator (lib/spend/tokens: a BPE close to GLM's, not GLM's
// own tokenizer), over the same text the ledger estimates a stopped call's prompt from. Nothing is
// sent to a platform and nothing is billed; the model must be one the team offers (404 if not).

export async function countMessageTokens(request: Request): Promise<Response> {
  try {
    const parsed = countTokensRequestSchema.safeParse(await readJson(request, BODY_LIMITS.api));
    if (!parsed.success) {
      const { message, param } = describeIssue(parsed.error);
      throw badRequest(message, param);
    }
    const body = parsed.data;
    await resolveModel(body.model);
    const messages = toModelMessages(systemText(body), body.messages);
    const { tools } = toolsOf(body);
    const [text] = await Promise.all([promptText("", promptMessages(messages), tools), loadTokenizer()]);
    return Response.json({ input_tokens: countTokens(text) });
  } catch (error) {
    return anthropicErrorResponse(error);
  }
}
