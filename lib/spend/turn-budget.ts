import "server-only";
import type { InStatement } from "@libsql/client";
import type { AppError } from "../errors";
import { type Admission, admit, type Reservation } from "./admission";
import { worstCase } from "./charges";
import { hasLimits, limitsOf, type SpendConfig, type UserLimits } from "./config";
import { releaseReservation, releaseStatements } from "./ledger";
import { refusalError } from "./refusal";

// A turn's hold on its user's and team's budgets. The first upstream call is admitted before
// anything is written or sent; each further call of a tool loop is admitted before it is sent
// (a loop may make several calls, each re-sending the conversation), so that a turn never
// spends more than it reserved. When a later call is refused the loop stops there and the
// answer says why. Every reservation is released when the turn settles (lib/spend/ledger).

export interface CallEstimate {
  promptTokens: number;
  outputTokens: number;
  at: Date;
}

export class TurnBudget {
  private readonly limits: UserLimits;
  private readonly held: Reservation[] = [];
  /** Why the tool loop stopped early: a later call did not fit. */
  stoppedBy: AppError | null = null;

  constructor(
    private readonly config: SpendConfig,
    private readonly call: {
      userId: string;
      platform: string;
      /** The model asked for and its fallbacks: the dearest one's price is the worst case. */
      models: string[];
      candidates: number;
    },
  ) {
    this.limits = limitsOf(config, call.userId);
  }

  /** Whether any limit applies (none: nothing is written before the call). */
  get limited(): boolean {
    return hasLimits(this.limits);
  }

  private async reserve(estimate: CallEstimate, countRequest: boolean): Promise<Admission> {
    const costs = this.call.models.map((model) =>
      worstCase(this.config, { platform: this.call.platform, model, ...estimate }),
    );
    const admission = await admit({
      userId: this.call.userId,
      limits: this.limits,
      worstCase: { tokens: costs[0].tokens, micros: Math.max(...costs.map((c) => c.micros)) },
      timeZone: this.config.timeZone,
      now: estimate.at,
      countRequest,
    });
    if (admission.admitted) this.held.push(admission.reservation);
    return admission;
  }

  /** Before the turn's first call: throws the refusal (402 / 429), having held nothing. */
  async admitFirst(estimate: CallEstimate): Promise<void> {
    if (!this.limited) return;
    const admission = await this.reserve(estimate, true);
    if (!admission.admitted) {
      throw refusalError(admission.refusal, this.config, estimate.at, this.call.candidates);
    }
  }

  /** Before a further call of the tool loop: false (and stoppedBy set) when it does not fit. */
  async admitNext(estimate: CallEstimate): Promise<boolean> {
    if (!this.limited || this.stoppedBy) return !this.stoppedBy;
    const admission = await this.reserve(estimate, false);
    if (admission.admitted) return true;
    this.stoppedBy = refusalError(admission.refusal, this.config, estimate.at, 1);
    return false;
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
}
