-- CreateTable
CREATE TABLE "Price" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "input" REAL NOT NULL,
    "output" REAL NOT NULL,
    "cachedInput" REAL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "effectiveFrom" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT
);

-- CreateTable
CREATE TABLE "PriceMultiplier" (
    "platform" TEXT NOT NULL PRIMARY KEY,
    "base" REAL NOT NULL DEFAULT 1,
    "utcOffsetMinutes" INTEGER NOT NULL DEFAULT 0,
    "windows" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SpendSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'team',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "exchangeRates" JSONB,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "teamMonthlyTokens" BIGINT,
    "teamMonthlyMicros" BIGINT,
    "userMonthlyTokens" BIGINT,
    "userMonthlyMicros" BIGINT,
    "requestsPerMinute" INTEGER,
    "budgetContact" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "UserBudget" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "monthlyTokens" BIGINT,
    "monthlyMicros" BIGINT,
    "requestsPerMinute" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UserBudget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpendTotal" (
    "scope" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "reservedTokens" BIGINT NOT NULL DEFAULT 0,
    "reservedMicros" BIGINT NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("scope", "period")
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "tokens" BIGINT NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateWindow" (
    "userId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "minute")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Usage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "conversationId" TEXT,
    "messageId" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'answer',
    "platform" TEXT NOT NULL,
    "requestedModel" TEXT NOT NULL,
    "answeredModel" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedInputTokens" INTEGER NOT NULL DEFAULT 0,
    "totalTokens" INTEGER NOT NULL DEFAULT 0,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "ttftMs" INTEGER,
    "reasoningMs" INTEGER,
    "durationMs" INTEGER,
    "costMicros" BIGINT,
    "currency" TEXT,
    "costSource" TEXT,
    "priceId" TEXT,
    "multiplier" REAL NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Usage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Usage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Usage_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Usage_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Usage" ("answeredModel", "cachedInputTokens", "conversationId", "createdAt", "durationMs", "estimated", "id", "inputTokens", "messageId", "outputTokens", "platform", "reasoningMs", "reasoningTokens", "requestedModel", "totalTokens", "ttftMs", "userId") SELECT "answeredModel", "cachedInputTokens", "conversationId", "createdAt", "durationMs", "estimated", "id", "inputTokens", "messageId", "outputTokens", "platform", "reasoningMs", "reasoningTokens", "requestedModel", "totalTokens", "ttftMs", "userId" FROM "Usage";
DROP TABLE "Usage";
ALTER TABLE "new_Usage" RENAME TO "Usage";
CREATE INDEX "Usage_userId_createdAt_idx" ON "Usage"("userId", "createdAt");
CREATE INDEX "Usage_createdAt_idx" ON "Usage"("createdAt");
CREATE INDEX "Usage_messageId_idx" ON "Usage"("messageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Price_platform_model_effectiveFrom_idx" ON "Price"("platform", "model", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Reservation_createdAt_idx" ON "Reservation"("createdAt");


-- Running totals of the usage recorded so far (in UTC, the default time zone), so that balances
-- start right; costs were not recorded before prices existed.
INSERT INTO "SpendTotal" ("scope", "period", "tokens", "calls")
SELECT 'user:' || "userId", substr("createdAt", 1, 7), SUM("totalTokens"), COUNT(*) FROM "Usage" GROUP BY "userId", substr("createdAt", 1, 7);
INSERT INTO "SpendTotal" ("scope", "period", "tokens", "calls")
SELECT 'team', substr("createdAt", 1, 7), SUM("totalTokens"), COUNT(*) FROM "Usage" GROUP BY substr("createdAt", 1, 7);
