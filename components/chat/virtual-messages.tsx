"use client";

import { elementScroll, observeElementOffset, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
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
/**
 * Scrolling a viewport's height in less than this (a dragged scrollbar, a fling), nobody reads
 * what passes: messages show as placeholders of their size until the scroll slows down to a
 * viewport in SEEK_EXIT_MS or stops (react-virtuoso's "scroll seek"). Mounting each message that
 * a fling passes (its Markdown, buttons and tooltips) made frames of 50-80 ms on 2 cores.
 */
const SEEK_ENTER_MS = 50;
const SEEK_EXIT_MS = 200;
/** Scroll events that fast in a row before placeholders: a jump (a search's, a sent message's) is one. */
const SEEK_AFTER = 3;

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
  const seeking = useSeeking();
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement,
    estimateSize,
    getItemKey,
    observeElementOffset: seeking.observe,
    scrollToFn: seeking.scrollTo,
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
          const placeholder = seeking.now && message;
          return (
            <div
              key={item.key}
              // A placeholder is not measured: it has the size the message was measured at.
              ref={placeholder ? undefined : virtualizer.measureElement}
              data-index={item.index}
              data-message-id={message?.id}
              // The gap between messages is inside each item, so that measuring includes it.
              className="flex flex-col gap-6 pb-6"
            >
              {placeholder ? (
                <div
                  aria-hidden
                  data-testid="message-seeking"
                  className="rounded-xl bg-fg/5"
                  style={{ height: item.size - 24 }}
                />
              ) : message ? (
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

/**
 * Whether the list is being scrolled too fast to read (SEEK_ENTER_MS, SEEK_AFTER events in a
 * row). The speed is taken from
 * the offsets the virtualizer observes, just before it renders for each of them; its own moves
 * (keeping the reader's place as messages above are measured, which can be thousands of pixels
 * at once) are not the reader's speed. Counted as such, each settled render moved the view,
 * which made placeholders, which unmounted the messages to be rendered and measured again.
 */
function useSeeking() {
  const state = useRef({ now: false, fast: 0, offset: 0, at: 0, moved: null as number | null });
  const scrollTo = useCallback(
    (
      offset: number,
      options: { adjustments?: number; behavior?: ScrollBehavior },
      instance: Virtualizer<HTMLDivElement, Element>,
    ) => {
      state.current.moved = offset + (options.adjustments ?? 0);
      elementScroll(offset, options, instance);
    },
    [],
  );
  const observe = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>, report: (offset: number, isScrolling: boolean) => void) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        const s = state.current;
        const at = performance.now();
        const own = s.moved !== null && Math.abs(offset - s.moved) < 1;
        s.moved = null;
        if (!isScrolling) {
          s.now = false;
          s.fast = 0;
        } else if (!own) {
          const speed = Math.abs(offset - s.offset) / Math.max(at - s.at, 1);
          const view = instance.scrollRect?.height || INITIAL_RECT.height;
          s.fast = speed > view / SEEK_ENTER_MS ? s.fast + 1 : 0;
          s.now = s.now ? speed > view / SEEK_EXIT_MS : s.fast >= SEEK_AFTER;
        }
        s.offset = offset;
        s.at = at;
        report(offset, isScrolling);
      }),
    [],
  );
  return { now: state.current.now, observe, scrollTo };
}
