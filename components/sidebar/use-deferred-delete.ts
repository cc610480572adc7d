"use client";

import { useCallback, useEffect, useRef, useState } from "react";

// Deleting a conversation can be undone for a few seconds: it disappears from the list at once and
// is deleted on the server when the time is up, or right away if the page is left meanwhile.

const UNDO_MS = 6000;

export interface PendingDelete {
  id: string;
  title: string;
}

function deleteNow(id: string, keepalive = false): Promise<Response> {
  return fetch(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE", keepalive });
}

export function useDeferredDelete(onDeleted: () => void) {
  const [pending, setPending] = useState<PendingDelete[]>([]);
  const [failed, setFailed] = useState<PendingDelete | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const items = useRef(new Map<string, PendingDelete>());

  const commit = useCallback(
    async (id: string) => {
      timers.current.delete(id);
      const ok = await deleteNow(id).then(
        (res) => res.ok || res.status === 404,
        () => false,
      );
      // A deletion the server refused is said, and the conversation comes back to the list.
      const item = items.current.get(id);
      items.current.delete(id);
      if (!ok && item) setFailed(item);
      setPending((all) => all.filter((p) => p.id !== id));
      onDeleted();
    },
    [onDeleted],
  );

  const remove = useCallback(
    (item: PendingDelete) => {
      items.current.set(item.id, item);
      setPending((all) => [...all.filter((p) => p.id !== item.id), item]);
      timers.current.set(
        item.id,
        setTimeout(() => void commit(item.id), UNDO_MS),
      );
    },
    [commit],
  );

  const undo = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    items.current.delete(id);
    setPending((all) => all.filter((p) => p.id !== id));
  }, []);

  // Leaving the page must not lose a deletion the user did not undo.
  useEffect(() => {
    const flush = () => {
      for (const [id, timer] of timers.current) {
        clearTimeout(timer);
        void deleteNow(id, true);
      }
      timers.current.clear();
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, []);

  return { pending, remove, undo, failed, dismissFailure: () => setFailed(null) };
}
