-- Sign-up is by invite for a new team (lib/team/team-policy NEW_TEAM_POLICY). A team that has
-- accounts but never stored a choice signed up openly under the old default: it keeps doing so
-- until its admin changes it (Admin → Users), rather than closing without notice on upgrade.
INSERT INTO "TeamSettings" ("id", "signUp", "updatedAt")
SELECT 'team', 'open', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE EXISTS (SELECT 1 FROM "User") AND NOT EXISTS (SELECT 1 FROM "TeamSettings" WHERE "id" = 'team');

-- Each session's row (lib/auth/sessions): found by its key (the unique index there is), ended
-- for one user at once (signing out everywhere), and cleaned up when expired.
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
CREATE INDEX "Session_expires_idx" ON "Session"("expires");
