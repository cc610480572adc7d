// What a case is: an attack run against the app while another client polls /api/health, the
// status it must get, and checks that nothing was lost, leaked or over-billed.
import type { HostileUpstream } from "../../test/hostile-upstream";
import type { TestMcpServer } from "../../test/mcp-server";
import type { Browser } from "./browser";
import type { Instance } from "./instance";

export interface Check {
  label: string;
  ok: boolean;
  /** The measured figure, e.g. "RSS 183 → 190 MB" or "spent 199,870 of 200,000 tokens". */
  detail: string;
}

export interface Outcome {
  /** The HTTP status (or, for a form, what became of it: "refused", "created"…). */
  status: number | string;
  checks?: Check[];
  /** A figure worth printing that is no check (e.g. the size of a page). */
  note?: string;
}

export interface Member extends Browser {
  id: string;
  email: string;
  password: string;
}

export interface Ctx {
  app: Instance;
  /** Signed in after the "fresh" cases (an instance with no account yet). */
  admin: Member;
  attacker: Member;
  victim: Member;
  /** A new member account, signed in: for cases whose limits must not touch other cases. */
  member: (label: string) => Promise<Member>;
  /** A test MCP server, registered with the app before the first turn. */
  mcp: TestMcpServer;
  /** A self-hosted platform the admin added that misbehaves on demand (test/hostile-upstream.ts). */
  hostile: { upstream: HostileUpstream; connection: string };
  /** What one case leaves for a later one (a conversation, a share). */
  memo: Map<string, unknown>;
}

export type Expected = number | string | readonly (number | string)[];

export interface AbuseCase {
  id: string;
  name: string;
  expect: Expected;
  /** "fresh": runs on the instance before any account exists. */
  phase?: "fresh";
  /** Preparation that is not the attack (not measured). */
  setup?: (ctx: Ctx) => Promise<void>;
  run: (ctx: Ctx) => Promise<Outcome>;
}

export function check(label: string, ok: boolean, detail: string): Check {
  return { label, ok, detail };
}

export function matches(expected: Expected, actual: number | string): boolean {
  return (Array.isArray(expected) ? expected : [expected]).includes(actual);
}
