import "server-only";
import type { InStatement } from "@libsql/client";
import type { AppError } from "../errors";
import { MODELS, type ModelId } from "../shared/catalog/models";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { type Admission, admit, LEAST_OUTPUT_TOKENS, type Reservation } from "./admission";
import { tokenPrices } from "./charges";
import { hasBudget, hasLimits, type Limits, limitsOf, type SpendConfig, type UserLimits } from "./config";
import { releaseReservation, releaseStatements } from "./queries/ledger";
import { refusalError, unpricedError } from "./refusal";

// A turn's hold on its user's and team's budgets. The first upstream call is admitted before
// anything is written or sent; each further call of a tool loop is admitted before it is sent
// (a loop may make several calls, each re-sending the conversation). A call is granted as much
// output as it asked for, or less when the budgets are low (lib/spend/admission): the turn then
// sends that as its output limit, so that a call cannot spend more than it holds. When a later
// call is refused the loop stops there and the answer says why. Every reservation is released
// when the turn settles (lib/spend/queries/ledger).

export interface CallEstimate {
  /** The most tokens the call's prompt can be (lib/spend/prompt-bound). */
  promptTokens: number;
  /** The output the call asks for, all its answers together (lib/chat/call-settings). */
  outputTokens: number;
  at: Date;
}

/** What a call may produce: its output limit, all answers together. */
export interface Grant {
  outputTokens: number;
  /** A budget gave it less than it asked for. */
  capped: boolean;
  /** A budget applies: the call must be sent with its output limit set to the grant. */
  budgeted: boolean;
}

export class TurnBudget {
  private readonly limits: UserLimits;
  private readonly held: Reservation[] = [];
  /** The models the turn may be answered by: the one asked for, then fallbacks that can be priced. */
  readonly models: ModelId[];
  /** Why the tool loop stopped early: a later call did not fit. */
  stoppedBy: AppError | null = null;

  constructor(
    private readonly config: SpendConfig,
    private readonly call: {
      userId: string;
      platform: PlatformId;
      /** The model asked for and its fallbacks: the dearest one's price bounds the cost. */
      models: ModelId[];
      candidates: number;
      /** The API key the call is made with and its own monthly cap (lib/keys), if any. */
      key?: Limits & { id: string };
    },
  ) {
    this.limits = { ...limitsOf(config, call.userId), key: call.key ?? null };
    // Under a money limit, a fallback without a price cannot be bounded: it is not used.
    const [asked, ...fallbacks] = call.models;
    this.models = this.moneyLimited
      ? [asked, ...fallbacks.filter((model) => this.prices([model], new Date()) !== null)]
      : call.models;
  }

  /** Whether any limit applies (none: nothing is written before the call). */
  get limited(): boolean {
    return hasLimits(this.limits);
  }

  /** Whether a monthly budget applies: calls are then capped to their grants. */
  get budgeted(): boolean {
    return hasBudget(this.limits);
  }

  private get moneyLimited(): boolean {
    return this.moneyScope !== null;
  }

  /** The first limit counted in money (the one an unpriced model is refused under), if any. */
  private get moneyScope(): "user" | "key" | "team" | null {
    if (this.limits.user.micros !== null) return "user";
    if (this.limits.key?.micros != null) return "key";
    return this.limits.team.micros !== null ? "team" : null;
  }

  private prices(models: ModelId[], at: Date) {
    return tokenPrices(this.config, { platform: this.call.platform, models, at });
  }

  /** The grant of a call no budget applies to: all it asks for. */
  private unbudgeted(estimate: CallEstimate): Grant {
    return { outputTokens: estimate.outputTokens, capped: false, budgeted: false };
  }

  private async reserve(estimate: CallEstimate, countRequest: boolean): Promise<Admission> {
    const prices = this.prices(this.models, estimate.at);
    const admission = await admit({
      userId: this.call.userId,
      limits: this.limits,
      call: {
        promptTokens: estimate.promptTokens,
        outputTokens: estimate.outputTokens,
        leastOutputTokens: LEAST_OUTPUT_TOKENS * this.call.candidates,
        price: prices && {
          promptMicros: Math.ceil(estimate.promptTokens) * prices.promptMicros,
          outputMicrosPerToken: prices.outputMicros,
          roundingMicros: prices.roundingMicros,
        },
      },
      timeZone: this.config.timeZone,
      now: estimate.at,
      countRequest,
    });
    if (admission.admitted) this.held.push(admission.reservation);
    return admission;
  }

  /** The refusal of a call that no price can bound under a money limit, if it is one. */
  private unpriced(at: Date, stage: "first" | "next"): AppError | null {
    if (!this.moneyLimited || this.prices([this.models[0]], at) !== null) return null;
    return unpricedError(this.config, {
      scope: this.moneyScope ?? "team",
      platform: PLATFORMS[this.call.platform].label,
      model: MODELS[this.models[0]].label,
      stage,
    });
  }

  private granted(estimate: CallEstimate, outputTokens: number): Grant {
    const budgeted = this.budgeted;
    return { outputTokens, capped: budgeted && outputTokens < estimate.outputTokens, budgeted };
  }

  /** Before the turn's first call: its grant, or throws the refusal (402 / 429), having held nothing. */
  async admitFirst(estimate: CallEstimate): Promise<Grant> {
    if (!this.limited) return this.unbudgeted(estimate);
    const unpriced = this.unpriced(estimate.at, "first");
    if (unpriced) throw unpriced;
    const admission = await this.reserve(estimate, true);
    if (!admission.admitted) {
      throw refusalError(admission.refusal, this.config, estimate.at, {
        stage: "first",
        candidates: this.call.candidates,
      });
    }
    return this.granted(estimate, admission.outputTokens);
  }

  /** Before a further call of the tool loop (or a title): its grant, or null (stoppedBy set). */
  async admitNext(estimate: CallEstimate): Promise<Grant | null> {
    if (this.stoppedBy) return null;
    if (!this.limited) return this.unbudgeted(estimate);
    this.stoppedBy = this.unpriced(estimate.at, "next");
    if (this.stoppedBy) return null;
    const admission = await this.reserve(estimate, false);
    if (admission.admitted) return this.granted(estimate, admission.outputTokens);
    this.stoppedBy = refusalError(admission.refusal, this.config, estimate.at, { stage: "next" });
    return null;
  }

  /** Statements that release every reservation, for the settlement's transaction. */
  releaseStatements(): InStatement[] {
    return this.held.flatMap(releaseStatements);
  }

  /** Releases everything at once (the turn ended before it streamed). */
  async releaseAll(): Promise<void> {
    await Promise.all(this.held.map(releaseReservation));
  }

  get holdsAny(): boolean {
    return this.held.length > 0;
  }

  /** What the turn holds, for whoever must release it if the turn's server dies (lib/generation/recovery). */
  reservations(): Pick<Reservation, "id" | "userId" | "period">[] {
    return this.held.map(({ id, userId, period }) => ({ id, userId, period }));
  }
}
