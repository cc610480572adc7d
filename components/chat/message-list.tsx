"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";

// The messages of the path shown, in the chat's scroller. A long path renders only the messages
// near the viewport (@tanstack/react-virtual, each measured as it renders); a short one (all of it
// read, at most VIRTUAL_FROM messages) renders whole, as there is nothing to gain. The messages
// of the path not read yet hold their place, each a space of a message's estimated height, so
// that the scrollbar is the whole conversation's and indexes never shift: when such spaces come
// near the viewport, the messages are read (use-chat-turn: loadEarlier), as many as it takes to
// reach the ones in view. The view follows the newest message while it streams unless the reader
// scrolled up; a message a search found is scrolled to.

/** Paths longer than this render only what is near the viewport. */
export const VIRTUAL_FROM = 50;
/** A message's height before it is measured: about an answer of a few paragraphs. */
const ESTIMATED_HEIGHT = 240;
/** Closer than this to the bottom, the view follows the newest message. */
const PINNED_WITHIN = 80;

interface MessageListProps {
  messages: ChatMessage[];
  /** One message, with what goes before it (the not-sent marker). */
  renderMessage: (message: ChatMessage, index: number) => ReactNode;
  /** How many messages the path has above the first one read. */
  earlier: number;
  loadEarlier: (count: number) => Promise<void>;
  /** A message to scroll to once, instead of the newest. */
  focusId?: string;
  /** What follows the messages in the scroller (the empty chat's line, an answer's error). */
  children?: ReactNode;
}

/**
 * The chat's scroller and its messages. It owns the scroller, so that its ref is set before
 * its layout effects run (the view is at the newest message before the first paint).
 */
export function MessageList({ children, ...props }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = usePinnedToBottom(scroller, props.focusId === undefined);
  // A message the user just sent brings the view down to it, wherever they had scrolled.
  const last = props.messages.at(-1);
  const lastId = useRef(last?.id);
  if (last && last.id !== lastId.current && last.role === "user") pinned.current = true;
  lastId.current = last?.id;
  useFollow(scroller, props.messages, pinned);
  // A path with earlier messages to read is long; once virtual, the list stays so (switching
  // would lose the reader's place).
  const virtual = useRef(false);
  virtual.current ||= props.earlier > 0 || props.messages.length > VIRTUAL_FROM;
  return (
    <div ref={scroller} data-testid="chat-scroller" className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
        {virtual.current ? (
          <VirtualMessages {...props} scroller={scroller} />
        ) : (
          <WholeMessages {...props} scroller={scroller} />
        )}
        {children}
      </div>
    </div>
  );
}

type ListProps = Omit<MessageListProps, "children"> & { scroller: RefObject<HTMLDivElement | null> };

/** Every message: a path read whole and short (nothing earlier to read). */
function WholeMessages({ messages, renderMessage, focusId }: ListProps) {
  useFocus(focusId, messages, () => {
    document.querySelector(`[data-message-id="${CSS.escape(focusId ?? "")}"]`)?.scrollIntoView();
    return true;
  });
  return messages.map((m, i) => (
    <div key={m.id} data-message-id={m.id} className="flex flex-col gap-6">
      {renderMessage(m, i)}
    </div>
  ));
}

function VirtualMessages({ messages, scroller, renderMessage, earlier, loadEarlier, focusId }: ListProps) {
  const count = earlier + messages.length;
  // The scroller is the chat's (a parent): its ref is set after this component's layout effects
  // on the first render, so the virtualizer is given it once it is there.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => setScrollElement(scroller.current), [scroller]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement,
    estimateSize: () => ESTIMATED_HEIGHT,
    getItemKey: (index) => (index < earlier ? `earlier:${index}` : (messages[index - earlier]?.id ?? index)),
    overscan: 4,
    // Rendered at the bottom first (the newest messages), where a reader opens a conversation.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
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
  useFocus(focusId, messages, () => {
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

/** Whether the reader is at the bottom (the view follows the newest message). */
function usePinnedToBottom(scroller: RefObject<HTMLDivElement | null>, initially: boolean) {
  const pinned = useRef(initially);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < PINNED_WITHIN;
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [scroller]);
  return pinned;
}

/**
 * Keeps the newest message in view while the messages change, if the reader is at the bottom
 * (the virtual list's height is the whole path's, so its bottom is the scroller's too).
 */
function useFollow(scroller: RefObject<HTMLDivElement | null>, messages: ChatMessage[], pinned: RefObject<boolean>) {
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages, pinned, scroller]);
}

/** Scrolls to the message a search found, once: when it is read (it may come with a later page) and can be. */
function useFocus(focusId: string | undefined, messages: ChatMessage[], scrollTo: () => boolean) {
  const done = useRef(false);
  const go = useRef(scrollTo);
  go.current = scrollTo;
  useEffect(() => {
    if (!focusId || done.current || !messages.some((m) => m.id === focusId)) return;
    done.current = go.current();
  });
}
