// The abuse suite's table: every case, in the order it runs, with the status it must get. Edit the
// expectations here when a design choice differs; each case's checks (what was saved, billed,
// leaked, how the server's memory fared) are in cases/<area>.ts. Each runs while another client
// polls /api/health; more than HEALTH_LIMIT_MS there fails the case.
import type { AbuseCase } from "./case";
import * as admin from "./cases/admin";
import * as bodies from "./cases/bodies";
import * as budgets from "./cases/budgets";
import * as crossSite from "./cases/cross-site";
import * as defaults from "./cases/defaults";
import * as live from "./cases/live";
import * as messages from "./cases/messages";
import * as sessions from "./cases/sessions";
import * as shares from "./cases/shares";
import * as storage from "./cases/storage";
import * as webPage from "./cases/web-page";
import * as worst from "./cases/worst";

export const HEALTH_LIMIT_MS = 500;

export const CASES: AbuseCase[] = [
  // 6. Safe defaults, on the fresh instance (no account yet)
  {
    id: "6a",
    phase: "fresh",
    name: "fresh instance: a stranger signs up (no setup token)",
    expect: "refused",
    run: defaults.strangerSignUp,
  },

  // 1. The message that froze the server
  { id: "1a", name: "http://a + punctuation, 4 parts × 99,000 chars", expect: 400, run: messages.fourParts },
  { id: "1b", name: "the same, 1 part × 99,000 (largest accepted)", expect: 200, run: messages.largestAccepted },
  { id: "1c", name: "the next turn of that branch", expect: 200, run: messages.followingTurn },
  { id: "1d", name: "its share, Continue this chat, a turn on the copy", expect: 200, run: messages.continueShared },

  // 2. Bodies refused before they are read
  { id: "2a", name: "60 MB JSON to /api/presets", expect: 413, run: bodies.presetWithLength },
  { id: "2b", name: "60 MB JSON to /api/presets, chunked", expect: 413, run: bodies.presetChunked },
  {
    id: "2c",
    name: "/api/presets, Content-Length 1000, 60 MB sent",
    expect: [400, 413],
    run: bodies.presetLyingLength,
  },
  { id: "2d", name: "2 MiB to /api/chat", expect: 413, run: bodies.chatOverLimit },
  { id: "2e", name: "2 MiB to /api/chat, chunked", expect: 413, run: bodies.chatOverLimitChunked },
  { id: "2f", name: "5 MB to /api/auth/callback/credentials", expect: 413, run: bodies.signInEndpoint },
  // Next.js answers 500 when a server action passes serverActions.bodySizeLimit (16.4.5's action
  // handler has a TODO to make it 413): either is a refusal; the memory check is the point.
  { id: "2g", name: "1.5 MB sign-in server action", expect: [413, 500], run: bodies.signInAction(1_500_000) },
  { id: "2h", name: "300 KB sign-in server action", expect: [413, 500], run: bodies.signInAction(300_000) },

  // 3. Cross-site writes
  { id: "3a", name: "control: same-origin JSON preset", expect: 201, run: crossSite.sameOriginJson },
  { id: "3b", name: "preset as text/plain", expect: 415, run: crossSite.textPlain },
  { id: "3c", name: "preset from evil.example (Sec-Fetch-Site cross-site)", expect: 403, run: crossSite.crossSiteJson },
  { id: "3d", name: "preset from evil.example (Origin only)", expect: 403, run: crossSite.foreignOriginOnly },
  { id: "3e", name: "preset from a sibling subdomain (same-site)", expect: 403, run: crossSite.siblingSubdomain },
  {
    id: "3f",
    name: "the issue's request: text/plain from evil.example",
    expect: [403, 415],
    run: crossSite.issueRequest,
  },
  { id: "3g", name: "cross-site DELETE of the victim's conversation", expect: 403, run: crossSite.crossSiteDelete },

  // 4. read_web_page fetches only what was allowed
  { id: "4a", name: "read_web_page: allowed /a, asked /a?.;!?).,:", expect: 200, run: webPage.punctuatedVariant },
  { id: "4b", name: "read_web_page control: the exact allowed address", expect: 200, run: webPage.exactAddress },

  // 6. Safe defaults, after the first admin
  { id: "6b", name: "after the first admin: a stranger signs up", expect: "refused", run: defaults.strangerSignUp },
  {
    id: "6c",
    name: "open sign-up: 20 at once from one address",
    expect: "throttled",
    setup: defaults.openSignUp,
    run: defaults.signUpBurst(false),
  },
  { id: "6d", name: "open sign-up: 20 at once for one email", expect: "throttled", run: defaults.signUpBurst(true) },
  {
    id: "7d",
    name: "password of 86 chars: sign in with its first 72 + other",
    expect: "refused",
    run: sessions.longPasswordPrefix,
  },
  {
    id: "6e",
    name: "default per-user rate: a burst of chats",
    expect: 429,
    setup: defaults.closeSignUp,
    run: defaults.defaultRate,
  },

  // 5. Budgets (limits set by the admin from here on)
  {
    id: "5a",
    name: "money-only budget, unpriced model",
    expect: 402,
    setup: budgets.unpricedSetup,
    run: budgets.unpricedUnderMoneyBudget,
  },
  {
    id: "5b",
    name: "40 parallel chats, random stops, 6,000 tokens left",
    expect: "held",
    setup: budgets.parallelSetup,
    run: budgets.parallelStops,
  },
  {
    id: "5c",
    name: "10 % of the budget left: 'hi' on glm-5.1",
    expect: 200,
    setup: budgets.lastTenPercentSetup,
    run: budgets.lastTenPercent,
  },
  { id: "5d", name: "4 candidates stopped before their usage", expect: "stopped", run: budgets.candidatesStopped },

  // 7. Sessions
  { id: "7a", name: "a copied cookie after Sign out", expect: 401, run: sessions.copiedCookieAfterSignOut },
  {
    id: "7b",
    name: "signed in over HTTPS: the cookie's prefix",
    expect: "__Host-",
    setup: sessions.httpsSetup,
    run: sessions.hostCookieOverHttps,
  },
  { id: "7c", name: "over HTTPS, the session under the plain name", expect: 401, run: sessions.plainCookieOverHttps },

  // 8. Shares
  { id: "8a", name: "share with default options: tool calls hidden", expect: 200, run: shares.toolsHiddenByDefault },
  { id: "8b", name: "admin switches sharing off: the link", expect: 404, run: shares.linkWhenSharing("off") },
  {
    id: "8c",
    name: "sharing for signed-in readers: opened signed out",
    expect: [302, 303, 307],
    run: shares.linkWhenSharing("signed-in"),
  },

  // 9. Admin and tools
  { id: "9a", name: "platform URL https → http, same host, no key", expect: "refused", run: admin.schemeDowngrade },
  { id: "9b", name: "MCP tool returns 8 MB of structuredContent", expect: 200, run: admin.hugeMcpResult },
  { id: "9c", name: "the model asks for 50 tool calls in one step", expect: 200, run: admin.fiftyToolCalls },

  // 10. Storage
  { id: "10a", name: "preset quota (3, set by the admin)", expect: 403, run: storage.quota("presets") },
  { id: "10b", name: "share quota (3, set by the admin)", expect: 403, run: storage.quota("shares") },
  {
    id: "10c",
    name: "search with FTS syntax: \" NEAR( * ' ^ -",
    expect: 200,
    setup: storage.trickySetup,
    run: storage.ftsSyntax,
  },
  {
    id: "10d",
    name: "6 searches at once over ~15 MB of history",
    expect: 200,
    setup: storage.bigHistorySetup,
    run: storage.bigHistorySearch,
  },

  // Issue #14. Answers the server owns
  { id: "14a", name: "another user's answer being written: follow, stop", expect: 404, run: live.othersLiveAnswer },
  { id: "14b", name: "200 followers of one answer at once", expect: "200/429", run: live.followerFlood },
  { id: "14c", name: "the stream left after 30 ms", expect: 200, run: live.leaveIsNoStop },

  // 11. The worst found beyond the list
  ...Object.keys(worst.ANSWER_BOMBS).map(
    (name, i): AbuseCase => ({
      id: `11${String.fromCharCode(97 + i)}`,
      name: `stored answer, ${name}: chat page`,
      expect: 200,
      setup: i === 0 ? worst.answerBombSetup : undefined,
      run: worst.answerBombPage(name),
    }),
  ),
  {
    id: "11s",
    name: "the *_ answer: share page, signed out",
    expect: 200,
    run: worst.answerBombShare("10 KB of *_ emphasis runs"),
  },
  { id: "11t", name: "upstream sends an event that is not JSON", expect: 200, run: worst.malformedUpstream },
  { id: "11u", name: "preset parameters 30,000 arrays deep", expect: 400, run: worst.deepJson },
  { id: "11v", name: "a message of 10,000 parts", expect: 400, run: worst.tenThousandParts },
  {
    id: "11w",
    name: "5,000 conversations: /api/conversations",
    expect: 200,
    setup: worst.manyConversationsSetup,
    run: worst.manyConversations("/api/conversations"),
  },
  { id: "11x", name: "5,000 conversations: the chat page", expect: 200, run: worst.manyConversations("/") },
  { id: "11y", name: "Unicode edge cases in a message", expect: 200, run: worst.unicodeEdges },
  { id: "11z", name: "lone surrogates in a message", expect: [200, 400], run: worst.loneSurrogates },
];
