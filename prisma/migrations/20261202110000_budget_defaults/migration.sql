-- Budgets hold and stay usable (issue 13).
-- The per-user request rate applies by default (20 a minute) until an admin sets another or none:
-- "requestRateOff" records that an admin chose none (a null rate alone now means the default).
ALTER TABLE "SpendSettings" ADD COLUMN "requestRateOff" BOOLEAN NOT NULL DEFAULT false;
-- The output a budget capped a call to (its grant, all answers together); null when not capped.
ALTER TABLE "Usage" ADD COLUMN "outputCap" INTEGER;
