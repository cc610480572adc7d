-- Storage quotas and conversation search (lib/storage, lib/db/conversations.ts).
--
-- StorageTotal holds what each user stores (bytes, conversations, live share links, presets),
-- kept by the triggers below in the same statement as every write that changes it, cascades
-- included. SearchText holds the searchable text (each message's text parts, each conversation's
-- title: one row each) and SearchIndex indexes it (FTS5, trigram tokenizer: substrings of any
-- script, Chinese included). A user's SearchText rows are numbered from their StorageTotal key
-- shifted left by 32 bits, so a search reads only that user's range of the index.
-- Neither FTS5 nor triggers are modelled by Prisma: see the note in prisma/schema.prisma.

-- CreateTable
CREATE TABLE "StorageSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'team',
    "userBytes" BIGINT,
    "userConversations" INTEGER,
    "userShares" INTEGER,
    "userPresets" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StorageTotal" (
    "key" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "conversations" INTEGER NOT NULL DEFAULT 0,
    "shares" INTEGER NOT NULL DEFAULT 0,
    "presets" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "StorageTotal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "StorageTotal_userId_key" ON "StorageTotal"("userId");

-- The totals of the data already there (one row per account, oldest account first).
INSERT INTO "StorageTotal" ("userId", "bytes", "conversations", "shares", "presets")
SELECT u."id",
    COALESCE((SELECT SUM(octet_length(m."parts")) FROM "Conversation" AS c JOIN "Message" AS m ON m."conversationId" = c."id" WHERE c."userId" = u."id"), 0)
    + COALESCE((SELECT SUM(COALESCE(octet_length(c."settings"), 0)) FROM "Conversation" AS c WHERE c."userId" = u."id"), 0)
    + COALESCE((SELECT SUM(COALESCE(octet_length(s."snapshot"), 0)) FROM "Share" AS s WHERE s."userId" = u."id"), 0)
    + COALESCE((SELECT SUM(octet_length(p."systemPrompt") + COALESCE(octet_length(p."parameters"), 0)) FROM "Preset" AS p WHERE p."userId" = u."id"), 0),
    (SELECT COUNT(*) FROM "Conversation" AS c WHERE c."userId" = u."id"),
    (SELECT COUNT(*) FROM "Share" AS s WHERE s."userId" = u."id" AND s."revokedAt" IS NULL),
    (SELECT COUNT(*) FROM "Preset" AS p WHERE p."userId" = u."id")
FROM "User" AS u
ORDER BY u."createdAt", u."id";

-- CreateTable
CREATE TABLE "SearchText" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    -- The owner's StorageTotal key (also "id" >> 32).
    "userKey" INTEGER NOT NULL,
    "conversationId" TEXT NOT NULL,
    -- Null for the conversation's title.
    "messageId" TEXT,
    -- Bytes of the owner's text written up to and including this row: rises with "id", so that
    -- a search of one or two characters finds where the owner's newest N bytes begin in one seek.
    "upTo" INTEGER NOT NULL,
    "body" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "SearchText_conversationId_messageId_idx" ON "SearchText"("conversationId", "messageId");

-- CreateIndex
CREATE INDEX "SearchText_userKey_upTo_idx" ON "SearchText"("userKey", "upTo");

-- The index only (the text stays in SearchText); no column sizes: results are not ranked.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5("body", content='SearchText', content_rowid='id', tokenize='trigram', columnsize=0);

-- The text already there: titles, and each message's text parts joined by line breaks.
INSERT INTO "SearchText" ("id", "userKey", "conversationId", "messageId", "upTo", "body")
SELECT (t."key" << 32) + ROW_NUMBER() OVER w, t."key", x."conversationId", x."messageId",
    SUM(octet_length(x."body")) OVER w, x."body"
FROM (
    SELECT c."userId", c."id" AS "conversationId", NULL AS "messageId", c."title" AS "body", c."createdAt" AS "at", 0 AS "kind"
    FROM "Conversation" AS c
    UNION ALL
    SELECT c."userId", m."conversationId", m."id",
        (SELECT group_concat(json_extract(p."value", '$.text'), char(10))
            FROM json_each(CASE WHEN json_valid(m."parts") THEN m."parts" ELSE '[]' END) AS p
            WHERE CASE WHEN p."type" = 'object' THEN json_extract(p."value", '$.type') = 'text' ELSE 0 END),
        m."createdAt", 1
    FROM "Message" AS m JOIN "Conversation" AS c ON c."id" = m."conversationId"
) AS x JOIN "StorageTotal" AS t ON t."userId" = x."userId"
WHERE x."body" IS NOT NULL AND x."body" <> ''
WINDOW w AS (PARTITION BY t."key" ORDER BY x."at", x."kind", x."messageId");

INSERT INTO "SearchIndex" ("SearchIndex") VALUES ('rebuild');

-- SearchIndex follows SearchText (FTS5's external content pattern).
CREATE TRIGGER "SearchText_index_insert" AFTER INSERT ON "SearchText" BEGIN
    INSERT INTO "SearchIndex" ("rowid", "body") VALUES (NEW."id", NEW."body");
END;

CREATE TRIGGER "SearchText_index_delete" AFTER DELETE ON "SearchText" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", "rowid", "body") VALUES ('delete', OLD."id", OLD."body");
END;

CREATE TRIGGER "SearchText_index_update" AFTER UPDATE ON "SearchText" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", "rowid", "body") VALUES ('delete', OLD."id", OLD."body");
    INSERT INTO "SearchIndex" ("rowid", "body") VALUES (NEW."id", NEW."body");
END;

-- A new account starts with empty totals, and its key.
CREATE TRIGGER "User_storage_insert" AFTER INSERT ON "User" BEGIN
    INSERT OR IGNORE INTO "StorageTotal" ("userId") VALUES (NEW."id");
END;

-- Conversations: counted with their settings (the system prompt), their title searchable. A
-- user's next SearchText row follows the newest in their range (n): one past its id, its "upTo"
-- plus the new text's bytes.
CREATE TRIGGER "Conversation_storage_insert" AFTER INSERT ON "Conversation" BEGIN
    UPDATE "StorageTotal"
        SET "conversations" = "conversations" + 1, "bytes" = "bytes" + COALESCE(octet_length(NEW."settings"), 0)
        WHERE "userId" = NEW."userId";
    INSERT INTO "SearchText" ("id", "userKey", "conversationId", "messageId", "upTo", "body")
        SELECT COALESCE(n."id", t."key" << 32) + 1, t."key", NEW."id", NULL, COALESCE(n."upTo", 0) + octet_length(NEW."title"), NEW."title"
        FROM "StorageTotal" AS t
            LEFT JOIN "SearchText" AS n ON n."id" = (SELECT s."id" FROM "SearchText" AS s WHERE s."id" BETWEEN t."key" << 32 AND (t."key" << 32) + 4294967295 ORDER BY s."id" DESC LIMIT 1)
        WHERE t."userId" = NEW."userId" AND NEW."title" <> '';
END;

CREATE TRIGGER "Conversation_storage_settings" AFTER UPDATE OF "settings" ON "Conversation"
WHEN octet_length(NEW."settings") IS NOT octet_length(OLD."settings") BEGIN
    UPDATE "StorageTotal"
        SET "bytes" = "bytes" + COALESCE(octet_length(NEW."settings"), 0) - COALESCE(octet_length(OLD."settings"), 0)
        WHERE "userId" = NEW."userId";
END;

CREATE TRIGGER "Conversation_search_title" AFTER UPDATE OF "title" ON "Conversation"
WHEN NEW."title" IS NOT OLD."title" BEGIN
    DELETE FROM "SearchText" WHERE "conversationId" = OLD."id" AND "messageId" IS NULL;
    INSERT INTO "SearchText" ("id", "userKey", "conversationId", "messageId", "upTo", "body")
        SELECT COALESCE(n."id", t."key" << 32) + 1, t."key", NEW."id", NULL, COALESCE(n."upTo", 0) + octet_length(NEW."title"), NEW."title"
        FROM "StorageTotal" AS t
            LEFT JOIN "SearchText" AS n ON n."id" = (SELECT s."id" FROM "SearchText" AS s WHERE s."id" BETWEEN t."key" << 32 AND (t."key" << 32) + 4294967295 ORDER BY s."id" DESC LIMIT 1)
        WHERE t."userId" = NEW."userId" AND NEW."title" <> '';
END;

-- A conversation's messages and shares go first, while it still says whose they are (a foreign
-- key cascade would delete them after it, when their owner can no longer be found).
CREATE TRIGGER "Conversation_storage_before_delete" BEFORE DELETE ON "Conversation" BEGIN
    DELETE FROM "Share" WHERE "conversationId" = OLD."id";
    DELETE FROM "Message" WHERE "conversationId" = OLD."id";
END;

CREATE TRIGGER "Conversation_storage_delete" AFTER DELETE ON "Conversation" BEGIN
    UPDATE "StorageTotal"
        SET "conversations" = "conversations" - 1, "bytes" = "bytes" - COALESCE(octet_length(OLD."settings"), 0)
        WHERE "userId" = OLD."userId";
    DELETE FROM "SearchText" WHERE "conversationId" = OLD."id";
END;

-- Messages: their parts counted, their text parts searchable (not thinking, tools or files).
CREATE TRIGGER "Message_storage_insert" AFTER INSERT ON "Message" BEGIN
    UPDATE "StorageTotal"
        SET "bytes" = "bytes" + octet_length(NEW."parts")
        WHERE "userId" = (SELECT "userId" FROM "Conversation" WHERE "id" = NEW."conversationId");
    INSERT INTO "SearchText" ("id", "userKey", "conversationId", "messageId", "upTo", "body")
        SELECT COALESCE(n."id", t."key" << 32) + 1, t."key", NEW."conversationId", NEW."id", COALESCE(n."upTo", 0) + octet_length(x."body"), x."body"
        FROM "Conversation" AS c JOIN "StorageTotal" AS t ON t."userId" = c."userId"
            JOIN (SELECT group_concat(json_extract(p."value", '$.text'), char(10)) AS "body"
                FROM json_each(CASE WHEN json_valid(NEW."parts") THEN NEW."parts" ELSE '[]' END) AS p
                WHERE CASE WHEN p."type" = 'object' THEN json_extract(p."value", '$.type') = 'text' ELSE 0 END) AS x
            LEFT JOIN "SearchText" AS n ON n."id" = (SELECT s."id" FROM "SearchText" AS s WHERE s."id" BETWEEN t."key" << 32 AND (t."key" << 32) + 4294967295 ORDER BY s."id" DESC LIMIT 1)
        WHERE c."id" = NEW."conversationId" AND x."body" <> '';
END;

CREATE TRIGGER "Message_storage_update" AFTER UPDATE OF "parts" ON "Message"
WHEN NEW."parts" IS NOT OLD."parts" BEGIN
    UPDATE "StorageTotal"
        SET "bytes" = "bytes" + octet_length(NEW."parts") - octet_length(OLD."parts")
        WHERE "userId" = (SELECT "userId" FROM "Conversation" WHERE "id" = NEW."conversationId");
    DELETE FROM "SearchText" WHERE "conversationId" = OLD."conversationId" AND "messageId" = OLD."id";
    INSERT INTO "SearchText" ("id", "userKey", "conversationId", "messageId", "upTo", "body")
        SELECT COALESCE(n."id", t."key" << 32) + 1, t."key", NEW."conversationId", NEW."id", COALESCE(n."upTo", 0) + octet_length(x."body"), x."body"
        FROM "Conversation" AS c JOIN "StorageTotal" AS t ON t."userId" = c."userId"
            JOIN (SELECT group_concat(json_extract(p."value", '$.text'), char(10)) AS "body"
                FROM json_each(CASE WHEN json_valid(NEW."parts") THEN NEW."parts" ELSE '[]' END) AS p
                WHERE CASE WHEN p."type" = 'object' THEN json_extract(p."value", '$.type') = 'text' ELSE 0 END) AS x
            LEFT JOIN "SearchText" AS n ON n."id" = (SELECT s."id" FROM "SearchText" AS s WHERE s."id" BETWEEN t."key" << 32 AND (t."key" << 32) + 4294967295 ORDER BY s."id" DESC LIMIT 1)
        WHERE c."id" = NEW."conversationId" AND x."body" <> '';
END;

CREATE TRIGGER "Message_storage_delete" AFTER DELETE ON "Message" BEGIN
    UPDATE "StorageTotal"
        SET "bytes" = "bytes" - octet_length(OLD."parts")
        WHERE "userId" = (SELECT "userId" FROM "Conversation" WHERE "id" = OLD."conversationId");
    DELETE FROM "SearchText" WHERE "conversationId" = OLD."conversationId" AND "messageId" = OLD."id";
END;

-- Shares: links that still work are counted, every snapshot's bytes.
CREATE TRIGGER "Share_storage_insert" AFTER INSERT ON "Share" BEGIN
    UPDATE "StorageTotal"
        SET "shares" = "shares" + (NEW."revokedAt" IS NULL), "bytes" = "bytes" + COALESCE(octet_length(NEW."snapshot"), 0)
        WHERE "userId" = NEW."userId";
END;

CREATE TRIGGER "Share_storage_update" AFTER UPDATE OF "userId", "revokedAt", "snapshot" ON "Share" BEGIN
    UPDATE "StorageTotal"
        SET "shares" = "shares" - (OLD."revokedAt" IS NULL), "bytes" = "bytes" - COALESCE(octet_length(OLD."snapshot"), 0)
        WHERE "userId" = OLD."userId";
    UPDATE "StorageTotal"
        SET "shares" = "shares" + (NEW."revokedAt" IS NULL), "bytes" = "bytes" + COALESCE(octet_length(NEW."snapshot"), 0)
        WHERE "userId" = NEW."userId";
END;

CREATE TRIGGER "Share_storage_delete" AFTER DELETE ON "Share" BEGIN
    UPDATE "StorageTotal"
        SET "shares" = "shares" - (OLD."revokedAt" IS NULL), "bytes" = "bytes" - COALESCE(octet_length(OLD."snapshot"), 0)
        WHERE "userId" = OLD."userId";
END;

-- Presets: counted with their system prompt and parameters.
CREATE TRIGGER "Preset_storage_insert" AFTER INSERT ON "Preset" BEGIN
    UPDATE "StorageTotal"
        SET "presets" = "presets" + 1, "bytes" = "bytes" + octet_length(NEW."systemPrompt") + COALESCE(octet_length(NEW."parameters"), 0)
        WHERE "userId" = NEW."userId";
END;

CREATE TRIGGER "Preset_storage_update" AFTER UPDATE OF "userId", "systemPrompt", "parameters" ON "Preset" BEGIN
    UPDATE "StorageTotal"
        SET "presets" = "presets" - 1, "bytes" = "bytes" - octet_length(OLD."systemPrompt") - COALESCE(octet_length(OLD."parameters"), 0)
        WHERE "userId" = OLD."userId";
    UPDATE "StorageTotal"
        SET "presets" = "presets" + 1, "bytes" = "bytes" + octet_length(NEW."systemPrompt") + COALESCE(octet_length(NEW."parameters"), 0)
        WHERE "userId" = NEW."userId";
END;

CREATE TRIGGER "Preset_storage_delete" AFTER DELETE ON "Preset" BEGIN
    UPDATE "StorageTotal"
        SET "presets" = "presets" - 1, "bytes" = "bytes" - octet_length(OLD."systemPrompt") - COALESCE(octet_length(OLD."parameters"), 0)
        WHERE "userId" = OLD."userId";
END;
