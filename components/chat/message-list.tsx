"use client";

import dynamic from "next/dynamic";
import { type ReactNode, type RefObject, Suspense, useEffect, useLayoutEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";
import { useFocusMessage } from "./use-focus-message";
import type { MessageItemsProps } from "./virtual-messages";

// The messages of the path shown, in the chat's scroller. A long path renders only the messages
// near the viewport (./virtual-messages.tsx); a short one (all of it read, at most VIRTUAL_FROM
// messages) renders whole, as there is nothing to gain. The messages of the path not read yet
// hold their place, each a space of a message's estimated height, so that the scrollbar is the
// whole conversation's and indexes never shift: when such spaces come near the viewport, the
// messages are read (use-chat-turn: loadEarlier), as many as it takes to reach the ones in view.
// The view follows the newest message while it streams unless the reader scrolled up; a message
// a search found is scrolled to.

/** The virtual list is loaded once a path is long (a server-rendered one preloads it). */
const loadVirtual = () => import("./virtual-messages");
const VirtualMessages = dynamic(() => loadVirtual().then((m) => m.VirtualMessages));

/** Paths longer than this render only what is near the viewport. */
export const VIRTUAL_FROM = 50;
/** Run where it stands: the scroller is its parent, with the messages read before it. */
const OPEN_AT_END =
  "(function(s){if(s)s.scrollTop=s.scrollHeight})(document.currentScript&&document.currentScript.parentElement)";
/** Closer than this to the bottom, the view follows the newest message. */
const PINNED_WITHIN = 80;

type MessageListProps = Omit<MessageItemsProps, "scroller"> & {
  /** What follows the messages in the scroller (the empty chat's line, an answer's error). */
  children?: ReactNode;
};

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
  const content = useRef<HTMLDivElement>(null);
  useFollow(scroller, content, props.messages, pinned);
  // A path with earlier messages to read is long; once virtual, the list stays so (switching
  // would lose the reader's place).
  const virtual = useRef(false);
  virtual.current ||= props.earlier > 0 || props.messages.length > VIRTUAL_FROM;
  // Long from its first render (a long conversation opened): no Suspense boundary of its own.
  // React's server renderer outlines a large boundary (streams its fallback, here every message
  // read, then swaps the content in with a throttled reveal): the page's HTML held the messages
  // twice and the newest answer showed ~0.4 s late. Without one, the HTML waits for the chunk
  // (loaded once per server process) and hydration for the preloaded chunk.
  const virtualFromStart = useRef(virtual.current);
  // A path nearing the length is about to need the virtual list: it is fetched ahead.
  const nearlyLong = props.messages.length > VIRTUAL_FROM / 2;
  useEffect(() => {
    if (nearlyLong) void loadVirtual();
  }, [nearlyLong]);
  return (
    <div ref={scroller} data-testid="chat-scroller" className="flex-1 overflow-y-auto">
      <div ref={content} className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
        {virtualFromStart.current ? (
          <VirtualMessages {...props} scroller={scroller} />
        ) : virtual.current ? (
          // While the virtual list loads (a path that just grew long), the messages stay as they were.
          <Suspense fallback={<WholeMessages {...props} scroller={scroller} />}>
            <VirtualMessages {...props} scroller={scroller} />
          </Suspense>
        ) : (
          <WholeMessages {...props} scroller={scroller} />
        )}
        {children}
      </div>
      {props.focusId === undefined && <OpenAtEnd />}
    </div>
  );
}

/**
 * Brings the server-rendered scroller to its end as the document is read, before the page's
 * JavaScript has loaded and hydrated (~1 s on a slow machine), so that the newest answer is what
 * shows first; useFollow keeps it there from then on. A constant script, run only by the HTML
 * parser: React does not run a script it renders in the browser.
 */
function OpenAtEnd() {
  return (
    <script
      // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant, with nothing from the user or the model in it.
      dangerouslySetInnerHTML={{ __html: OPEN_AT_END }}
    />
  );
}

/** Every message: a path read whole and short (nothing earlier to read). */
function WholeMessages({ messages, renderMessage, focusId }: MessageItemsProps) {
  useFocusMessage(focusId, messages, () => {
    document.querySelector(`[data-message-id="${CSS.escape(focusId ?? "")}"]`)?.scrollIntoView();
    return true;
  });
  return messages.map((m, i) => (
    <div key={m.id} data-message-id={m.id} className="flex flex-col gap-6">
      {renderMessage(m, i)}
    </div>
  ));
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
 * Keeps the newest message in view if the reader is at the bottom: when the messages change, and
 * when what is shown grows without them changing (an answer formatted a moment after it showed,
 * messages measured by the virtual list, whose height is the whole path's, or its deferred render
 * of the messages).
 */
function useFollow(
  scroller: RefObject<HTMLDivElement | null>,
  content: RefObject<HTMLDivElement | null>,
  messages: ChatMessage[],
  pinned: RefObject<boolean>,
) {
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages, pinned, scroller]);
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, [scroller, content, pinned]);
}
