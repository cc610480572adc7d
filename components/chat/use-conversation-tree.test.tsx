import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/shared/chat/message";
import type { MessagePage } from "@/lib/shared/chat/message-page";
import { type ConversationTree, useConversationTree } from "./use-conversation-tree";

// How many messages are above the first one shown: the virtual list's size and where earlier
// pages are read from. Derived from the messages shown, whatever page told each one's place.

/** A path of `n` messages, m0 (the first of the conversation) to m<n-1>. */
const path = (n: number): ChatMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? "user" : "assistant",
    parts: [{ type: "text", text: `message ${i}` }],
    metadata: { parentId: i === 0 ? null : `m${i - 1}`, createdAt: i },
  }));

const pageOf = (messages: ChatMessage[], from: number, to: number): MessagePage => ({
  messages: messages.slice(from, to),
  nodes: [],
  before: from,
});

/** The tree the chat keeps, made from `initial` (a hook: read in a render). */
function treeFrom(initial: MessagePage): ConversationTree {
  let tree: ConversationTree | undefined;
  function Probe() {
    tree = useConversationTree(initial);
    return null;
  }
  renderToStaticMarkup(<Probe />);
  if (!tree) throw new Error("not rendered");
  return tree;
}

describe("the messages above the first one shown", () => {
  const all = path(100);

  it("are those the opening page says, then those each earlier page says", () => {
    const tree = treeFrom(pageOf(all, 60, 100));
    expect(tree.earlierThan(all.slice(60))).toBe(60);
    tree.learn(pageOf(all, 20, 60));
    expect(tree.earlierThan(all.slice(20))).toBe(20);
  });

  it("count to any message read, not only a page's first (a path shown from within a page)", () => {
    const tree = treeFrom(pageOf(all, 60, 100));
    tree.learn(pageOf(all, 20, 60));
    expect(tree.earlierThan(all.slice(35))).toBe(35);
    expect(tree.earlierThan(all.slice(75))).toBe(75);
  });

  it("are none above the conversation's first message, or in a new chat", () => {
    const tree = treeFrom(pageOf(all, 0, 40));
    expect(tree.earlierThan(all.slice(0))).toBe(0);
    expect(tree.earlierThan([])).toBe(0);
  });

  it("follow the messages shown, not the latest page read (a render between the two stays right)", () => {
    const tree = treeFrom(pageOf(all, 60, 100));
    tree.learn(pageOf(all, 20, 60));
    // The chat still shows the messages from m60 while the page above has been learned.
    expect(tree.earlierThan(all.slice(60))).toBe(60);
  });
});
