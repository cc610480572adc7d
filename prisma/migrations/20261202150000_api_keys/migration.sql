-- The team's GLM API (/v1): personal API keys, stored as SHA-256 hashes (the key is shown once),
-- with optional monthly caps of their own; ledger rows name the key that made the call; an admin
-- can turn API access off for the team or for one user.

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "monthlyTokens" BIGINT,
    "monthlyMicros" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_createdAt_idx" ON "ApiKey"("userId", "createdAt");

-- AlterTable (SQLite adds a column with a foreign key in place when its default is NULL)
ALTER TABLE "Usage" ADD COLUMN "apiKeyId" TEXT REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Usage_apiKeyId_createdAt_idx" ON "Usage"("apiKeyId", "createdAt");

-- AlterTable
ALTER TABLE "User" ADD COLUMN "apiAccessOff" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TeamSettings" ADD COLUMN "apiAccess" BOOLEAN NOT NULL DEFAULT true;
