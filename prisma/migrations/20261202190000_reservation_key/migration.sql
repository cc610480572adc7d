-- A reservation made by an API call names its key, so that giving it back (settled, swept or
-- recovered) also gives it back to the key's running totals: a key's monthly cap is held like the
-- user's and the team's budgets (lib/spend/admission).

-- AlterTable
ALTER TABLE "Reservation" ADD COLUMN "keyId" TEXT;
