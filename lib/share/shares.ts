import "server-only";
import { randomUUID } from "node:crypto";
import { getConversation } from "../chat/queries/conversations";
import { isLinkToken, newLinkToken } from "../crypto/link-token";
import { messageNode, shownPath } from "../shared/chat/branches";
import type { ChatPart } from "../shared/chat/message";
import { toChatMessage } from "../shared/chat/stored-message";
import { checkStorage } from "../storage/storage";
import { legacyShareTokensHashed } from "./legacy-tokens";
import {
  findLiveShares,
  findShareByTokenHash,
  findSharer,
  insertConversationCopy,
  insertShare,
  revokeShareRow,
} from "./queries";
import { type ShareOptions, shareOptionsSchema } from "./share-schema";
import { hashShareToken } from "./share-token";
import { type SharedMessage, sharedView } from "./shared-view";

// Share links: made, listed and revoked by the conversation's owner; opened by whoever has the
// token (lib/crypto/link-token: unguessable, and the only thing in the address) and may read it
// (lib/share/access: the team's sharing setting). Only the token's hash is stored: the link is
// handed out once, when it is made. Every owner-side query names the owner (./queries).

/** The branch the owner sees now, as chat messages. */
async function shownMessages(userId: string, conversationId: string) {
  const conversation = await getConversation(userId, conversationId);
  if (!conversation) return null;
  const messages = conversation.messages.map(toChatMessage);
  const shown = new Set(shownPath(messages.map(messageNode), conversation.headId).map((n) => n.id));
  return { conversation, messages: messages.filter((m) => shown.has(m.id)) };
}

export interface ShareRow {
  id: string;
  mode: ShareOptions["mode"];
  showThinking: boolean;
  showTools: boolean;
  showUsage: boolean;
  createdAt: Date;
}

/** A link just made: the only time its token is known. */
export type CreatedShare = ShareRow & { token: string };

function toRow(row: Omit<ShareRow, "mode"> & { mode: string }): ShareRow {
  return { ...row, mode: row.mode === "live" ? "live" : "snapshot" };
}

/** A new link to the user's conversation; null if it is not theirs. */
export async function createShare(
  userId: string,
  conversationId: string,
  options: ShareOptions,
): Promise<CreatedShare | null> {
  await checkStorage(userId, { shares: 1, bytes: 0 }); // 403 quota_exceeded (lib/storage)
  const owner = await findSharer(userId);
  if (!owner || owner.disabledAt) return null;
  const shown = await shownMessages(userId, conversationId);
  if (!shown) return null;
  const token = newLinkToken();
  const row = await insertShare({
    tokenHash: hashShareToken(token),
    conversationId,
    userId,
    options,
    // Only what the link shows is kept: hidden thinking or tools are not stored with it.
    snapshot:
      options.mode === "snapshot"
        ? { title: shown.conversation.title, messages: sharedView(shown.messages, options) }
        : undefined,
  });
  return { ...toRow(row), token };
}

/** The user's links to their conversation that still work, newest first. */
export async function listShares(userId: string, conversationId: string): Promise<ShareRow[]> {
  return (await findLiveShares(userId, conversationId)).map(toRow);
}

/** Stops a link from working; false if it is not the user's (or already revoked). */
export async function revokeShare(userId: string, conversationId: string, shareId: string): Promise<boolean> {
  return revokeShareRow(userId, conversationId, shareId, new Date());
}

export interface OpenedShare {
  title: string;
  mode: ShareOptions["mode"];
  options: ShareOptions;
  sharedAt: Date;
  messages: SharedMessage[];
  /** The conversation's model and platform, for a copy (never shown). */
  model: string;
  platform: string;
}

/** What a link shows, or null when it is unknown, revoked, or its conversation is gone. */
export async function openShare(token: string): Promise<OpenedShare | null> {
  if (!isLinkToken(token)) return null;
  // Links from before tokens were hashed are hashed first (once per process).
  await legacyShareTokensHashed();
  const share = await findShareByTokenHash(hashShareToken(token));
  // The conversation must still be the sharer's (it cannot change hands, but say so), and a
  // disabled account's links stop working with it.
  if (!share || share.revokedAt || share.conversation.userId !== share.userId) return null;
  if (share.conversation.user.disabledAt) return null;
  const options = shareOptionsSchema.parse({
    mode: share.mode,
    showThinking: share.showThinking,
    showTools: share.showTools,
    showUsage: share.showUsage,
  });
  let title = share.conversation.title;
  let messages: SharedMessage[];
  if (options.mode === "snapshot") {
    const snapshot = share.snapshot as { title?: string; messages?: SharedMessage[] } | null;
    title = snapshot?.title ?? title;
    messages = snapshot?.messages ?? [];
  } else {
    const shown = await shownMessages(share.userId, share.conversationId);
    if (!shown) return null;
    messages = sharedView(shown.messages, options);
  }
  return {
    title,
    mode: options.mode,
    options,
    sharedAt: share.createdAt,
    messages,
    model: share.conversation.model,
    platform: share.conversation.platform,
  };
}

/**
 * Copies what an opened link shows into a new conversation of the viewer's, and returns its id.
 * Only what the link shows is copied (not hidden thinking, not the system prompt), and no usage:
 * the viewer spent nothing yet.
 */
export async function copyShare(viewerId: string, shared: OpenedShare): Promise<string> {
  const parts = shared.messages.map((m) => copyableParts(m.parts));
  // The copy is the viewer's new conversation: 403 quota_exceeded if it does not fit (lib/storage).
  await checkStorage(viewerId, {
    conversations: 1,
    bytes: parts.reduce((sum, p) => sum + Buffer.byteLength(JSON.stringify(p)), 0),
  });
  const conversationId = randomUUID();
  const now = Date.now();
  let parentId: string | null = null;
  const rows = shared.messages.map((m, i) => {
    const id = randomUUID();
    const row = {
      id,
      conversationId,
      parentId,
      role: m.role,
      parts: parts[i],
      // An answer still being written is copied as it stands: stopped there.
      status: m.metadata.status === "streaming" ? "stopped" : (m.metadata.status ?? "done"),
      model: m.metadata.model ?? null,
      // In order, just before now: the copy reads as it did.
      createdAt: new Date(now - shared.messages.length + i),
    };
    parentId = id;
    return row;
  });
  await insertConversationCopy(
    {
      id: conversationId,
      userId: viewerId,
      title: shared.title,
      model: shared.model,
      platform: shared.platform,
      headId: parentId,
    },
    rows,
  );
  return conversationId;
}

/**
 * The parts a copy keeps: a tool call only once it has finished (one waiting for approval would
 * otherwise run in the viewer's account when they approve it), and no provider metadata.
 */
function copyableParts(parts: ChatPart[]): ChatPart[] {
  const finished = new Set(["output-available", "output-error", "output-denied"]);
  return parts
    .filter((p) => {
      const tool = p.type === "dynamic-tool" || p.type.startsWith("tool-");
      return !tool || finished.has((p as { state?: string }).state ?? "");
    })
    .map((p) => {
      const {
        providerMetadata: _p,
        callProviderMetadata: _c,
        ...rest
      } = p as ChatPart & {
        providerMetadata?: unknown;
        callProviderMetadata?: unknown;
      };
      return rest as ChatPart;
    });
}
