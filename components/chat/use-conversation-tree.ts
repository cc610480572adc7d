"use client";

import { useMemo, useRef } from "react";
import {
  type BranchNode,
  messageNode,
  newestLeaf,
  pathTo,
  shownPath,
  subtreeOf,
  versionsOf,
} from "@/lib/shared/chat/branches";
import type { ChatMessage } from "@/lib/shared/chat/message";

// Every message of the conversation the browser knows of, as a tree (lib/shared/chat/branches): the
// chat shows one path of it; the others are the versions a message can be switched to.

const nodeOf = messageNode;

export function useConversationTree(initial: ChatMessage[]) {
  const tree = useRef<Map<string, ChatMessage> | null>(null);
  tree.current ??= new Map(initial.map((m) => [m.id, m]));
  const map = tree.current;
  // One object for the component's life: its methods read the map.
  return useMemo(() => treeOf(map), [map]);
}

function treeOf(all: Map<string, ChatMessage>) {
  const nodes = () => [...all.values()].map(nodeOf);
  const messagesOf = (path: BranchNode[]) => path.flatMap((n) => all.get(n.id) ?? []);
  return {
    /** Adds or updates what the chat shows now (streamed answers, edited messages). */
    remember: (messages: ChatMessage[]) => {
      for (const m of messages) all.set(m.id, m);
    },
    /** Drops a deleted message and what follows it. */
    forget: (id: string) => {
      for (const removed of subtreeOf(nodes(), id)) all.delete(removed);
    },
    /** Every message known, all branches. */
    all: () => [...all.values()],
    /** The path down to the head, or to the newest leaf. */
    shown: (headId: string | null | undefined) => messagesOf(shownPath(nodes(), headId)),
    /** The path down to a message. */
    pathTo: (id: string | null) => messagesOf(pathTo(nodes(), id)),
    /** The path through a message, down to its newest leaf. */
    through: (id: string) => messagesOf(pathTo(nodes(), newestLeaf(nodes(), id))),
    versionsOf: (message: ChatMessage) => versionsOf(nodes(), nodeOf(message)).map((n) => n.id),
  };
}
