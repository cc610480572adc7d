import { describe, expect, it } from "vitest";
import { type BranchNode, newestLeaf, pathTo, shownPath, versionsOf } from "./branches";

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
    expect(ids(versionsOf(tree, tree[1]))).toEqual(["a1", "a1b"]);
    expect(ids(versionsOf(tree, tree[0]))).toEqual(["u1", "u1'"]);
    expect(ids(versionsOf(tree, tree[2]))).toEqual(["u2"]);
  });

  it("survives a cycle in corrupted data", () => {
    const cyclic = [n("x", "y", "user", 1), n("y", "x", "assistant", 2)];
    expect(ids(pathTo(cyclic, "x"))).toEqual(["y", "x"]);
  });
});
