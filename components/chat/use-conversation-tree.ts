"use client";

import { useMemo, useRef } from "react";
import {
  type BranchNode,
  childrenIndex,
  messageNode,
  newestLeaf,
  pathTo,
  subtreeOf,
  versionsIn,
} from "@/lib/shared/chat/branches";
import type { ChatMessage } from "@/lib/shared/chat/message";
import type { MessagePage } from "@/lib/shared/chat/message-page";

// What the browser knows of the conversation's tree (lib/shared/chat/branches): the messages it
// has read (pages of lib/shared/chat/message-page, and what streamed here), and the nodes of the
// versions beside them, which are read when switched to. The chat shows one path of it; the
// known part of a path ends where a message was not read yet (the reader can load earlier ones).

interface Known {
  nodes: Map<string, BranchNode>;
  messages: Map<string, ChatMessage>;
  /** How many messages are above each message read, on its path (a page says it of its first). */
  depths: Map<string, number>;
}

/** The depth of each message of a page: its messages are one stretch of a path. */
function depthsOf(page: MessagePage): [string, number][] {
  return page.messages.map((m, i) => [m.id, page.before + i]);
}

export function useConversationTree(initial: MessagePage) {
  const known = useRef<Known | null>(null);
  known.current ??= {
    nodes: new Map([...initial.nodes, ...initial.messages.map(messageNode)].map((n) => [n.id, n])),
    messages: new Map(initial.messages.map((m) => [m.id, m])),
    depths: new Map(depthsOf(initial)),
  };
  const state = known.current;
  // One object for the component's life: its methods read the maps.
  return useMemo(() => treeOf(state), [state]);
}

function treeOf({ nodes, messages, depths }: Known) {
  // The nodes as a list, and their children by parent, made again only after a change: read for
  // each message rendered (a path of 2,000 scrolled through renders thousands).
  let list: BranchNode[] | null = null;
  let children: Map<string | null, BranchNode[]> | null = null;
  const all = () => {
    list ??= [...nodes.values()];
    return list;
  };
  /** The messages read of a path: from its last down, up to the first one not read. */
  const readOf = (path: BranchNode[]) => {
    const read: ChatMessage[] = [];
    for (let i = path.length - 1; i >= 0; i--) {
      const message = messages.get(path[i].id);
      if (!message) break;
      read.push(message);
    }
    return read.reverse();
  };
  const remember = (read: ChatMessage[]) => {
    for (const m of read) {
      messages.set(m.id, m);
      nodes.set(m.id, messageNode(m));
    }
    list = null;
    children = null;
  };
  return {
    /** Adds or updates what the chat shows now (streamed answers, edited messages). */
    remember,
    /** Adds a page read from the server. */
    learn: (page: MessagePage) => {
      for (const [id, depth] of depthsOf(page)) depths.set(id, depth);
      for (const n of page.nodes) {
        if (nodes.has(n.id)) continue;
        nodes.set(n.id, n);
        list = null;
        children = null;
      }
      remember(page.messages);
    },
    /** Drops a deleted message and what follows it. */
    forget: (id: string) => {
      for (const removed of subtreeOf(all(), id)) {
        nodes.delete(removed);
        messages.delete(removed);
        depths.delete(removed);
      }
      list = null;
      children = null;
    },
    /** The read path down to a message. */
    pathTo: (id: string | null) => readOf(pathTo(all(), id)),
    /** The read path through a message, down to its newest known leaf. */
    through: (id: string) => readOf(pathTo(all(), newestLeaf(all(), id))),
    versionsOf: (message: ChatMessage) => {
      children ??= childrenIndex(all());
      return versionsIn(children, messageNode(message)).map((n) => n.id);
    },
    /**
     * How many messages the path has above the first of `path` (0: it is a first message, or
     * nothing read says). Derived from the messages shown, so that it always counts above them.
     */
    earlierThan: (path: readonly ChatMessage[]) => {
      const first = path[0];
      return first?.metadata?.parentId ? (depths.get(first.id) ?? 0) : 0;
    },
  };
}

export type ConversationTree = ReturnType<typeof treeOf>;
