// A conversation is a tree: each message has the message it follows as its parent (null for a
// first message). Regenerating an answer adds a sibling assistant message; editing a message adds
// a sibling user message. What the chat shows is one path, from a root to a leaf (the
// conversation's head); siblings are the versions a message can be switched between.

export interface BranchNode {
  id: string;
  parentId: string | null;
  role: string;
  /** Creation time in ms; siblings are ordered by it. */
  createdAt: number;
}

/** A chat message as a node of its conversation's tree. */
export function messageNode(m: {
  id: string;
  role: string;
  metadata?: { parentId?: string | null; createdAt?: number };
}): BranchNode {
  return { id: m.id, parentId: m.metadata?.parentId ?? null, role: m.role, createdAt: m.metadata?.createdAt ?? 0 };
}

/** The messages from a root down to `id` (empty if `id` is unknown). */
export function pathTo<T extends BranchNode>(nodes: readonly T[], id: string | null): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: T[] = [];
  const seen = new Set<string>();
  for (
    let node = id ? byId.get(id) : undefined;
    node && !seen.has(node.id);
    node = node.parentId ? byId.get(node.parentId) : undefined
  ) {
    seen.add(node.id);
    path.push(node);
  }
  return path.reverse();
}

/** Each message's children, oldest first: built once, so that a walk down is linear. */
export function childrenIndex<T extends BranchNode>(nodes: readonly T[]): Map<string | null, T[]> {
  const index = new Map<string | null, T[]>();
  for (const n of nodes) {
    const siblings = index.get(n.parentId);
    if (siblings) siblings.push(n);
    else index.set(n.parentId, [n]);
  }
  for (const siblings of index.values()) siblings.sort((a, b) => a.createdAt - b.createdAt);
  return index;
}

/** The newest leaf under `id`: following the newest child at each step. */
export function newestLeaf<T extends BranchNode>(nodes: readonly T[], id: string | null): string | null {
  const index = childrenIndex(nodes);
  let current = id;
  for (let guard = 0; guard < nodes.length + 1; guard++) {
    const next = index.get(current)?.at(-1);
    if (!next) return current;
    current = next.id;
  }
  return current;
}

/** The path the chat shows: down to the head if it is known, else to the newest leaf. */
export function shownPath<T extends BranchNode>(nodes: readonly T[], headId: string | null | undefined): T[] {
  const head = headId && nodes.some((n) => n.id === headId) ? headId : newestLeaf(nodes, null);
  return pathTo(nodes, head);
}

/**
 * The versions of a message: it and its siblings of the same role, oldest first, from the tree's
 * children index (childrenIndex, built once for the many messages of one tree).
 */
export function versionsIn<T extends BranchNode>(children: Map<string | null, T[]>, node: BranchNode): T[] {
  return (children.get(node.parentId) ?? []).filter((n) => n.role === node.role);
}

/** `id` and every message that follows it, in any branch: what deleting it removes. */
export function subtreeOf<T extends BranchNode>(nodes: readonly T[], id: string): Set<string> {
  const index = childrenIndex(nodes);
  const removed = new Set<string>([id]);
  const stack = [id];
  for (let parent = stack.pop(); parent !== undefined; parent = stack.pop()) {
    for (const child of index.get(parent) ?? []) {
      if (removed.has(child.id)) continue;
      removed.add(child.id);
      stack.push(child.id);
    }
  }
  return removed;
}

/** The head after deleting `id`: unchanged if it survives, else the newest leaf left beside it. */
export function headAfterDeleting<T extends BranchNode>(
  nodes: readonly T[],
  id: string,
  headId: string | null,
): string | null {
  const removed = subtreeOf(nodes, id);
  const left = nodes.filter((n) => !removed.has(n.id));
  if (headId && left.some((n) => n.id === headId)) return headId;
  const parentId = nodes.find((n) => n.id === id)?.parentId ?? null;
  return newestLeaf(left, parentId);
}
