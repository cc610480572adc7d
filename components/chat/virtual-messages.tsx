"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type ReactNode,
  type RefObject,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";
import { useFocusMessage } from "./use-focus-message";

// A long path's messages (./message-list.tsx): only those near the viewport are rendered
// (@tanstack/react-virtual, each measured as it renders). Its own module, loaded only once a
// path is long, so that a short chat's page does not carry the virtualizer.

/** A message's height before it is measured: about an answer of a few paragraphs. */
const ESTIMATED_HEIGHT = 240;
const estimateSize = () => ESTIMATED_HEIGHT;
/**
 * The viewport assumed until the scroller is measured (on the server, and in the first render
 * that hydrates its HTML): a tall window's, so that the newest messages are in the page's HTML
 * and show as it loads, before its JavaScript has run.
 */
const INITIAL_RECT = { width: 0, height: 1200 };

export interface MessageItemsProps {
  messages: ChatMessage[];
  /** One message, with what goes before it (the not-sent marker). */
  renderMessage: (message: ChatMessage, index: number) => ReactNode;
  /** How many messages the path has above the first one read. */
  earlier: number;
  loadEarlier: (count: number) => Promise<void>;
  /** A message to scroll to once, instead of the newest. */
  focusId?: string;
  scroller: RefObject<HTMLDivElement | null>;
}

export function VirtualMessages({ scroller, renderMessage, loadEarlier, focusId, ...props }: MessageItemsProps) {
  // The messages come from the chat's store, whose every change React renders at once: a page of
  // earlier messages arriving mounted those it brought into view within a scrolling frame
  // (20-40 ms). As a deferred value, React renders that in slices between frames.
  const { messages, earlier } = useDeferredValue(
    useMemo(() => ({ messages: props.messages, earlier: props.earlier }), [props.messages, props.earlier]),
  );
  const count = earlier + messages.length;
  // The scroller is the chat's (a parent): its ref is set after this component's layout effects
  // on the first render, so the virtualizer is given it once it is there.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => setScrollElement(scroller.current), [scroller]);
  // The same function until the messages change: the virtualizer lays out every index of the
  // path again (2,000 keys and sizes) whenever it gets a new one, which was every render.
  const getItemKey = useCallback(
    (index: number) => (index < earlier ? `earlier:${index}` : (messages[index - earlier]?.id ?? index)),
    [earlier, messages],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement,
    estimateSize,
    getItemKey,
    overscan: 4,
    // Rendered at the bottom first (the newest messages), where a reader opens a conversation.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    initialRect: INITIAL_RECT,
  });
  const items = virtualizer.getVirtualItems();
  // Spaces of messages not read yet near the viewport: read them, and what lies between.
  const firstNear = items[0]?.index;
  const load = useRef(loadEarlier);
  load.current = loadEarlier;
  useEffect(() => {
    if (firstNear !== undefined && firstNear < earlier) void load.current(earlier - firstNear);
  }, [firstNear, earlier]);
  // Straight to its offset: the virtualizer's own scrollToIndex keeps steering to its target for a
  // while, and would hold the view there when the reader sends a message just after.
  useFocusMessage(focusId, messages, () => {
    const index = messages.findIndex((m) => m.id === focusId);
    const offset = index < 0 ? undefined : virtualizer.getOffsetForIndex(earlier + index, "start")?.[0];
    if (offset === undefined || !scrollElement) return false;
    scrollElement.scrollTop = offset;
    return true;
  });
  return (
    // The virtualizer keeps the reader's place as messages are measured; the browser's own
    // scroll anchoring would move it a second time.
    <div className="relative w-full [overflow-anchor:none]" style={{ height: virtualizer.getTotalSize() }}>
      <div
        className="absolute top-0 left-0 flex w-full flex-col"
        style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
      >
        {items.map((item) => {
          const message = item.index < earlier ? undefined : messages[item.index - earlier];
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              data-message-id={message?.id}
              // The gap between messages is inside each item, so that measuring includes it.
              className="flex flex-col gap-6 pb-6"
            >
              {message ? (
                renderMessage(message, item.index - earlier)
              ) : (
                <div aria-hidden data-testid="message-not-read" style={{ height: ESTIMATED_HEIGHT - 24 }} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
