// npm run bench's long-conversation case (issue #18): a short conversation and a 2,000-message
// one side by side, as a browser opens them (Chromium against the production build) and as a new
// message continues them. It measures whatever the chat page does through the browser only: the
// messages are `data-testid="message"`, their answers' text `data-testid="answer"`, and the list
// scrolls in the nearest scrollable ancestor of the messages. It prints; it never fails on timing.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../../e2e/chromium";
import { lastAnswerMarker, type SeededConversation } from "../../test/long-conversation";
import { seedConversations } from "../../test/many-conversations";
import type { RecordedRequest } from "../simulator/server";
import { firstMatch } from "./first-match";

const root = path.resolve(import.meta.dirname, "../..");
/** Turns of the long conversation (a question and an answer each). */
const LONG_TURNS = Number(process.env.BENCH_LONG_TURNS ?? 1_000);
const SHORT_TURNS = 5;
/** Other conversations the user has (the sidebar's list), as after months of use. */
const OTHER_CONVERSATIONS = 300;
/** Opens of each conversation (the median is printed), and new messages sent to each (BENCH_SENDS: more, for a steadier mean). */
const OPENS = 3;
const SENDS = Number(process.env.BENCH_SENDS ?? 5);
/** What firstText asks. */
const QUESTION = "And the sum of the first 10 cubes?";
/** Scrolling stops at the top, or after this long. */
const SCROLL_MS = 30_000;
/**
 * Scrolling as a reader does who looks for something (100 px a frame, 6 px/ms, as a fast turn of
 * a mouse wheel), for this many frames: every message passed is rendered whole. A
 * fling (a viewport or more a frame) passes them as placeholders (components/chat/virtual-messages).
 */
const READING_STEP_PX = 100;
const READING_STEPS = 300;

declare global {
  interface Window {
    /** Set by the page watcher (below) once the last answer is in the viewport. */
    __benchLastAnswer?: { at: number; nodes: number };
  }
}

/** Seeds a conversation through the app's own queries, in a process of its own (they are server-only). */
async function seed(databaseUrl: string, userId: string, turns: number): Promise<SeededConversation> {
  const { stdout } = await promisify(execFile)(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "test/seed-conversation.ts", databaseUrl, userId, String(turns)],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as SeededConversation;
}

interface Opened {
  domReadyMs: number;
  lastAnswerMs: number | null;
  htmlBytes: number;
  /** The document's bytes on the wire (compressed, when it was). */
  wireBytes: number;
  nodes: number | null;
}

interface Scrolled {
  frames: number[];
  /** Frames that showed messages as placeholders (a fling: components/chat/virtual-messages). */
  placeholderFrames: number;
  steps: number;
  stepPx: number;
  heightPx: number;
  reachedTop: boolean;
  ms: number;
}

/**
 * Opens `url` in a new tab and waits until the answer ending with `marker` is in the viewport
 * (watched from before the page's own scripts, every frame); then scrolls its list bottom to top
 * when asked.
 */
async function open(
  browser: Browser,
  cookie: string,
  url: string,
  marker: string,
  scroll: boolean,
): Promise<Opened & { scrolled?: { reading: Scrolled; flung: Scrolled } }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const [name, ...rest] = pair.split("=");
      // For the whole site: a cookie set for the page's URL has its directory's path (/chat/), and
      // the API's requests (earlier messages) went without it.
      return { name, value: rest.join("="), url: new URL("/", url).href };
    }),
  );
  // tsx (esbuild's keepNames) wraps the named functions of the code below in a `__name` helper
  // that the page does not have.
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await context.addInitScript((marker: string) => {
    const check = () => {
      const answers = document.querySelectorAll('[data-testid="answer"]');
      const last = answers[answers.length - 1];
      if (last?.textContent?.includes(marker)) {
        const box = last.getBoundingClientRect();
        if (box.height > 0 && box.bottom > 0 && box.top < window.innerHeight) {
          window.__benchLastAnswer = { at: performance.now(), nodes: document.getElementsByTagName("*").length };
          return;
        }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, marker);
  const page = await context.newPage();
  // A figure taken while the page's own requests fail (earlier messages not read) measures nothing.
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  try {
    const response = await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60_000 });
    if (!response?.ok()) throw new Error(`bench: ${url} answered ${response?.status()}`);
    const htmlBytes = (await response.body()).length;
    const visible = await page
      .waitForFunction(() => window.__benchLastAnswer !== undefined, null, { timeout: 30_000, polling: 100 })
      .then(
        () => true,
        () => false,
      );
    // The document's size on the wire is known once it has been read to its end.
    await page.waitForLoadState("load", { timeout: 30_000 }).catch(() => {});
    const figures = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        domReadyMs: nav.domContentLoadedEventEnd,
        wireBytes: nav.encodedBodySize,
        lastAnswer: window.__benchLastAnswer ?? null,
      };
    });
    const opened: Opened = {
      domReadyMs: figures.domReadyMs,
      lastAnswerMs: visible ? (figures.lastAnswer?.at ?? null) : null,
      htmlBytes,
      wireBytes: figures.wireBytes,
      nodes: figures.lastAnswer?.nodes ?? null,
    };
    if (!scroll) return opened;
    // Let the page settle (its lazy chunks, Markdown and highlighting) before scrolling.
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
    await page.waitForTimeout(500);
    const reading = await scrollList(page, { stepPx: READING_STEP_PX, maxSteps: READING_STEPS });
    await page.waitForTimeout(500);
    const flung = await scrollList(page, { stepPx: null, maxSteps: Number.POSITIVE_INFINITY });
    if (failed.length > 0) throw new Error(`bench: the page's requests failed: ${[...new Set(failed)].join(", ")}`);
    return { ...opened, scrolled: { reading, flung } };
  } finally {
    await context.close();
  }
}

/**
 * Scrolls the page's list up from its bottom, one step a frame, and times every frame: by
 * `stepPx` (null: a viewport, more for a tall list, about 300 steps to the top: a fling) for at
 * most `maxSteps`, or to the top (and a second there for a page of older messages to load).
 */
function scrollList(page: Page, options: { stepPx: number | null; maxSteps: number }): Promise<Scrolled> {
  return page.evaluate(
    async ({ maxMs, stepPx: fixedStep, maxSteps }): Promise<Scrolled> => {
      const messages = document.querySelectorAll('[data-testid="message"]');
      let el = messages[messages.length - 1]?.parentElement ?? null;
      while (el && el !== document.body && el !== document.documentElement) {
        const overflow = getComputedStyle(el).overflowY;
        if ((overflow === "auto" || overflow === "scroll") && el.scrollHeight > el.clientHeight) break;
        el = el.parentElement;
      }
      const scroller =
        el && el !== document.body && el !== document.documentElement
          ? el
          : (document.scrollingElement ?? document.documentElement);
      scroller.scrollTop = scroller.scrollHeight;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      await frame();
      let previous = await frame();
      const started = previous;
      const frames: number[] = [];
      let steps = 0;
      let stepPx = 0;
      let placeholderFrames = 0;
      // At the top, wait a second for older messages a page may load there before calling it done
      // (its frames meanwhile count too).
      let topSince: number | null = null;
      let height = scroller.scrollHeight;
      for (;;) {
        const now = await frame();
        frames.push(now - previous);
        previous = now;
        if (scroller.querySelector('[data-testid="message-seeking"]')) placeholderFrames++;
        if (scroller.scrollHeight !== height) {
          height = scroller.scrollHeight;
          topSince = null;
        }
        if (scroller.scrollTop <= 0) topSince ??= now;
        else topSince = null;
        if ((topSince !== null && now - topSince > 1_000) || now - started > maxMs || steps >= maxSteps) break;
        if (topSince !== null) continue;
        // A fling: a viewport a frame, more for a tall list (at most about 300 steps to the top).
        stepPx = fixedStep ?? Math.max(scroller.clientHeight, Math.round(scroller.scrollHeight / 300));
        scroller.scrollTop -= stepPx;
        steps++;
      }
      return {
        frames,
        placeholderFrames,
        steps,
        stepPx,
        heightPx: height,
        reachedTop: scroller.scrollTop <= 0,
        ms: previous - started,
      };
    },
    { maxMs: SCROLL_MS, ...options },
  );
}

/** Time from the POST until the first text chunk of the answer's stream, in ms; the stream is read to its end. */
async function firstText(app: string, cookie: string, conversation: SeededConversation | null): Promise<number> {
  for (;;) {
    const took = await firstTextOnce(app, cookie, conversation);
    if (took !== null) return took;
  }
}

/** firstText's one try: null when the user's requests a minute were used (the wait is not counted). */
async function firstTextOnce(
  app: string,
  cookie: string,
  conversation: SeededConversation | null,
): Promise<number | null> {
  const started = performance.now();
  const res = await fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      id: conversation?.conversationId ?? randomUUID(),
      trigger: "submit-message",
      // Always after the seeded head: each send is a new version of the same next question, so
      // every one reads the same 2,000-message branch.
      parentId: conversation?.headId ?? null,
      message: {
        id: randomUUID(),
        role: "user",
        parts: [{ type: "text", text: QUESTION }],
      },
      connection: "env:default",
      model: "glm-5.1",
      thinking: false,
    }),
  });
  if (res.status === 429) {
    await res.text();
    await new Promise((r) => setTimeout(r, 1_000 * Number(res.headers.get("retry-after") ?? 5)));
    return null;
  }
  if (!res.ok) throw new Error(`bench: /api/chat answered ${res.status}: ${await res.text()}`);
  return firstMatch(res, '"type":"text-delta"', started);
}

/** The upstream the app calls (the simulator), with the requests it received. */
interface Upstream {
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
}

/** The body of the last call firstText made upstream with a long history (or a new conversation's). */
function sentUpstream(upstream: Upstream, longHistory: boolean): string {
  const call = upstream.requests.findLast((r) => {
    const messages = (r.body as { messages?: unknown[] } | null)?.messages;
    return (
      Array.isArray(messages) &&
      messages.length > 100 === longHistory &&
      JSON.stringify(messages.at(-1)).includes(QUESTION)
    );
  });
  if (!call) throw new Error("bench: the app's call upstream was not recorded");
  return JSON.stringify(call.body);
}

/**
 * Waits for the calls an answer makes upstream after it ends (a new conversation's title, a
 * summary of what was left out) to end too: on 2 cores they would slow the next send.
 */
async function quiet(upstream: Upstream): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const since = Date.now() - 1_000;
  await sleep(100);
  const deadline = Date.now() + 5_000;
  const running = () =>
    upstream.requests.some((r) => r.at >= since && r.path.endsWith("/chat/completions") && r.usage === undefined);
  while (running() && Date.now() < deadline) await sleep(20);
}

/** Time from sending `body` to the upstream directly to its first text. */
async function firstTextDirect(upstream: Upstream, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${upstream.baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${upstream.apiKey}`, "content-type": "application/json" },
    body,
  });
  if (!res.ok) throw new Error(`bench: the upstream answered ${res.status}: ${await res.text()}`);
  return firstMatch(res, /"content":"[^"]/, started);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (n: number | null | undefined) =>
  n == null ? "n/a" : `${Math.abs(n) < 100 ? n.toFixed(1) : Math.round(n).toLocaleString("en")} ms`;
const kb = (n: number) =>
  `${(n / 1024).toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;
const count = (n: number | null) => (n === null ? "n/a" : n.toLocaleString("en"));

export async function benchLongConversation(options: {
  app: string;
  cookie: string;
  databaseUrl: string;
  userId: string;
  upstream: Upstream;
}): Promise<void> {
  const { app, cookie, databaseUrl, userId, upstream } = options;
  const started = performance.now();
  await seedConversations(databaseUrl, { userId, count: OTHER_CONVERSATIONS, prefix: "Earlier conversation" });
  const [short, long] = [await seed(databaseUrl, userId, SHORT_TURNS), await seed(databaseUrl, userId, LONG_TURNS)];
  const seededMs = performance.now() - started;

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const cases: { label: string; conversation: SeededConversation; turns: number }[] = [
    { label: `short (${short.messages.toLocaleString("en")} messages)`, conversation: short, turns: SHORT_TURNS },
    { label: `long (${long.messages.toLocaleString("en")} messages)`, conversation: long, turns: LONG_TURNS },
  ];
  const results: { opens: Opened[]; scrolls: { reading: Scrolled; flung: Scrolled }[] }[] = [];
  try {
    // A first visit loads the page's modules on the server: not counted.
    await open(browser, cookie, `${app}/chat/${short.conversationId}`, lastAnswerMarker(SHORT_TURNS), false);
    for (const { conversation, turns } of cases) {
      const url = `${app}/chat/${conversation.conversationId}`;
      const opens: Opened[] = [];
      const scrolls: { reading: Scrolled; flung: Scrolled }[] = [];
      // Each open scrolls too: a single fling's worst frame is too noisy a figure on 2 cores.
      for (let i = 0; i < OPENS; i++) {
        const opened = await open(browser, cookie, url, lastAnswerMarker(turns), true);
        opens.push(opened);
        if (opened.scrolled) scrolls.push(opened.scrolled);
      }
      results.push({ opens, scrolls });
    }
  } finally {
    await browser.close();
  }

  // A new message in a new conversation against one after the long conversation's 2,000, alternately.
  const fresh: number[] = [];
  const continued: number[] = [];
  await firstText(app, cookie, null);
  await quiet(upstream);
  // The first send after the long conversation was seeded: nothing of it is kept by the server yet.
  const cold = await firstText(app, cookie, long);
  await quiet(upstream);
  for (let i = 0; i < SENDS; i++) {
    fresh.push(await firstText(app, cookie, null));
    await quiet(upstream);
    continued.push(await firstText(app, cookie, long));
    await quiet(upstream);
  }
  // The same calls sent to the upstream directly: what the longer prompt costs the upstream itself.
  const [freshBody, continuedBody] = [sentUpstream(upstream, false), sentUpstream(upstream, true)];
  const freshDirect: number[] = [];
  const continuedDirect: number[] = [];
  await firstTextDirect(upstream, continuedBody);
  for (let i = 0; i < SENDS; i++) {
    freshDirect.push(await firstTextDirect(upstream, freshBody));
    continuedDirect.push(await firstTextDirect(upstream, continuedBody));
  }

  const column = (pick: (r: (typeof results)[number]) => string) =>
    Object.fromEntries(cases.map((c, i) => [c.label, pick(results[i])]));
  const last = (r: (typeof results)[number]) => r.opens[r.opens.length - 1];
  type Scrolls = { reading: Scrolled; flung: Scrolled };
  // The frame figures of each open's scroll of a kind, side by side for both conversations.
  const scrollRows = (kind: string, pick: (s: Scrolls) => Scrolled) => {
    const of = (r: (typeof results)[number]) => r.scrolls.map(pick);
    const frames = (r: (typeof results)[number], f: (xs: number[]) => number) =>
      r.scrolls.length > 0 ? ms(f(of(r).flatMap((s) => s.frames))) : "n/a";
    return {
      [`${kind}: frame p50`]: { ...column((r) => frames(r, (xs) => quantile(xs, 0.5))), target: "" },
      [`${kind}: frame max`]: { ...column((r) => frames(r, (xs) => Math.max(...xs))), target: "≤ 50 ms" },
      [`${kind}: frames over 50 ms`]: {
        ...column((r) =>
          r.scrolls.length > 0
            ? `${of(r)
                .map((s) => count(s.frames.filter((f) => f > 50).length))
                .join(" + ")} (${r.scrolls.length} scrolls)`
            : "n/a",
        ),
        target: "0",
      },
      [`${kind}: what was scrolled`]: {
        ...column((r) => {
          const first = of(r)[0];
          if (!first) return "n/a";
          const top = of(r).every((s) => s.reachedTop) ? ", to the top" : "";
          const placeholders = of(r).map((s) => `${Math.round((100 * s.placeholderFrames) / s.frames.length)} %`);
          return (
            `${count(first.steps)} steps of ${count(first.stepPx)} px over ${count(first.heightPx)} px in ${ms(first.ms)}${top} (the first);` +
            ` frames with placeholders ${placeholders.join(", ")}`
          );
        }),
        target: "",
      },
    };
  };
  console.log(
    `\nLong conversation: opening, scrolling and continuing a conversation of ${SHORT_TURNS} turns and one of ${LONG_TURNS.toLocaleString("en")}` +
      ` (each answer thinking, a list, a code block, a formula and a table; seeded in ${ms(seededMs)}),` +
      ` by a user with ${OTHER_CONVERSATIONS} other conversations.` +
      ` Chromium, 1280×800; open times the median of ${OPENS} opens, from navigation start; each open then scrolls its list up from the bottom at reading speed (${READING_STEPS} frames of ${READING_STEP_PX} px) and then flings it from the bottom to the top:`,
  );
  console.table({
    "DOM ready": { ...column((r) => ms(median(r.opens.map((o) => o.domReadyMs)))), target: "" },
    "last answer visible": {
      ...column((r) =>
        r.opens.some((o) => o.lastAnswerMs === null)
          ? "not within 30 s"
          : ms(median(r.opens.map((o) => o.lastAnswerMs ?? 0))),
      ),
      target: "≤ 800 ms",
    },
    "HTML (document)": { ...column((r) => kb(last(r).htmlBytes)), target: "≤ 300 KB" },
    "HTML on the wire": { ...column((r) => kb(last(r).wireBytes)), target: "" },
    "DOM nodes": { ...column((r) => count(last(r).nodes)), target: "≤ 5,000" },
    ...scrollRows("reading", (r) => r.reading),
    ...scrollRows("fling", (r) => r.flung),
  });
  const took = (performance.now() - started) / 1000;
  const row = (a: number[], b: number[], target = "") => ({
    "in a new conversation": ms(mean(a)),
    [`after ${long.messages.toLocaleString("en")} messages`]: ms(mean(b)),
    added: ms(mean(b) - mean(a)),
    target,
  });
  const own = (through: number[], direct: number[]) => through.map((t, i) => t - direct[i]);
  console.log(
    `Time to first text of a new message (from sending it to its first text, thinking off, mean of ${SENDS}); the app's own time is the first row less the second:`,
  );
  console.table({
    "through the app": row(fresh, continued),
    "upstream directly, the same call": row(freshDirect, continuedDirect),
    "the app's own time": row(own(fresh, freshDirect), own(continued, continuedDirect), "added ≤ 20 ms"),
  });
  console.log(
    `The first send after ${long.messages.toLocaleString("en")} messages, before the server kept the branch (read, parsed and converted whole): ${ms(cold)} through the app.`,
  );
  console.log(`The long-conversation case took ${took.toFixed(0)} s.`);
}
