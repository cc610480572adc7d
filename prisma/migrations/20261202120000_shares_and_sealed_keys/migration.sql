-- Who may open share links: "off", "signed-in" (members of this site) or "public" (anyone with
-- the link). A new team starts with signed-in readers only.
ALTER TABLE "TeamSettings" ADD COLUMN "sharing" TEXT NOT NULL DEFAULT 'signed-in';

-- A team that already has working share links keeps them readable as before (by anyone who has
-- them): its admin narrows it if they want to.
INSERT INTO "TeamSettings" ("id", "sharing", "updatedAt")
SELECT 'team', 'public', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE EXISTS (SELECT 1 FROM "Share" WHERE "revokedAt" IS NULL)
ON CONFLICT ("id") DO UPDATE SET "sharing" = 'public';

-- Nothing else changes in the tables. Two data steps run in the app, which is the one place that
-- runs on every deployment path (npm start, the Docker image, Vercel) and holds ENCRYPTION_KEY:
-- share tokens stored in plain text are replaced by their SHA-256 before the first link is looked
-- up (lib/share/legacy-tokens), and keys sealed as v1 are sealed again as v2, bound to their rows,
-- when the stored connections are first read (lib/crypto/reseal).
