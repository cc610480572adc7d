-- The sidebar lists every pinned conversation of a user and then their newest others
-- (lib/chat/queries/conversations). The pinned are few among thousands: this partial index finds
-- them without reading the user's whole list (Prisma does not model partial indexes: see
-- prisma/schema.prisma).

-- CreateIndex
CREATE INDEX "Conversation_pinned_idx" ON "Conversation"("userId", "updatedAt") WHERE "pinnedAt" IS NOT NULL;
