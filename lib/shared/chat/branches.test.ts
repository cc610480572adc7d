import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import {
  type BranchNode,
  childrenIndex,
  headAfterDeleting,
  newestLeaf,
  pathTo,
  shownPath,
  subtreeOf,
  versionsIn,
} from "./branches";

// u1 → a1 → u2 → a2
//         ↘ a1b (regenerated) → u3 → a3
//    u1' (the first message edited) → a1'
const n = (id: string, parentId: string | null, role: string, createdAt: number): BranchNode => ({
  id,
  parentId,
  role,
  createdAt,
});
const tree = [
  n("u1", null, "user", 1),
  n("a1", "u1", "assistant", 2),
  n("u2", "a1", "user", 3),
  n("a2", "u2", "assistant", 4),
  n("a1b", "u1", "assistant", 5),
  n("u3", "a1b", "user", 6),
  n("a3", "u3", "assistant", 7),
  n("u1'", null, "user", 8),
  n("a1'", "u1'", "assistant", 9),
];
const ids = (nodes: BranchNode[]) => nodes.map((x) => x.id);

describe("conversation branches", () => {
  it("walks from a root to a message", () => {
    expect(ids(pathTo(tree, "a2"))).toEqual(["u1", "a1", "u2", "a2"]);
    expect(ids(pathTo(tree, "nope"))).toEqual([]);
  });

  it("finds the newest leaf under a message, and shows the newest path without a head", () => {
    expect(newestLeaf(tree, "u1")).toBe("a3");
    expect(newestLeaf(tree, "a1")).toBe("a2");
    expect(ids(shownPath(tree, undefined))).toEqual(["u1'", "a1'"]);
    expect(ids(shownPath(tree, "a2"))).toEqual(["u1", "a1", "u2", "a2"]);
    expect(ids(shownPath(tree, "deleted"))).toEqual(["u1'", "a1'"]);
  });

  it("lists the versions of a message among its siblings of the same role", () => {
    const children = childrenIndex(tree);
    expect(ids(versionsIn(children, tree[1]))).toEqual(["a1", "a1b"]);
    expect(ids(versionsIn(children, tree[0]))).toEqual(["u1", "u1'"]);
    expect(ids(versionsIn(children, tree[2]))).toEqual(["u2"]);
  });

  it("survives a cycle in corrupted data", () => {
    const cyclic = [n("x", "y", "user", 1), n("y", "x", "assistant", 2)];
    expect(ids(pathTo(cyclic, "x"))).toEqual(["y", "x"]);
  });

  it("deletes a message with everything that follows it, and moves the head only if it went", () => {
    expect([...subtreeOf(tree, "a1b")].sort()).toEqual(["a1b", "a3", "u3"]);
    // The shown answer's version is deleted: the other version's branch is shown.
    expect(headAfterDeleting(tree, "a1b", "a3")).toBe("a2");
    // Another branch's message is deleted: what is shown stays.
    expect(headAfterDeleting(tree, "a1b", "a2")).toBe("a2");
    // The only answer of a message is deleted: the message is shown, waiting for a new answer.
    expect(headAfterDeleting(tree, "a2", "a2")).toBe("u2");
    // A whole first message: the other first message's branch.
    expect(headAfterDeleting(tree, "u1'", "a1'")).toBe("a3");
  });

  it("walks a long conversation in linear time (each step scanned every message before)", () => {
    // 50,000 messages in one chain, stored newest first.
    const chain = Array.from({ length: 50_000 }, (_, i) =>
      n(`m${i}`, i === 0 ? null : `m${i - 1}`, i % 2 ? "assistant" : "user", i),
    ).reverse();
    expect(elapsedMs(() => newestLeaf(chain, null))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(newestLeaf(chain, null)).toBe("m49999");
    expect(elapsedMs(() => subtreeOf(chain, "m0"))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(subtreeOf(chain, "m0").size).toBe(50_000);
  });
});
