// One line per case: what was expected and what came, the worst /api/health wait during it, and
// its checks (✓ held, ✗ did not), then a summary.
import type { AbuseCase, Check } from "./case";
import type { HealthWindow } from "./health";

export interface CaseResult {
  case: AbuseCase;
  status: number | string;
  statusOk: boolean;
  health: HealthWindow;
  healthOk: boolean;
  checks: Check[];
  note?: string;
  passed: boolean;
  seconds: number;
}

const expected = (c: AbuseCase) => (Array.isArray(c.expect) ? c.expect.join("|") : String(c.expect));
const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

export function header(): string {
  return `${pad("", 5)}${pad("case", 55)}${pad("expect", 13)}${pad("actual", 17)}${"health".padStart(11)}  result  checks`;
}

export function line(r: CaseResult): string {
  const checks = r.checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.label}: ${c.detail}`);
  if (r.health.failures) checks.unshift(`✗ health: ${r.health.failures} of ${r.health.polls} polls not 200`);
  if (r.note) checks.push(r.note);
  return [
    pad(r.case.id, 5),
    pad(r.case.name, 54),
    " ",
    pad(expected(r.case), 13),
    pad(`${r.statusOk ? "" : "✗ "}${r.status}`, 17),
    `${r.healthOk ? "" : "✗ "}${r.health.worstMs} ms`.padStart(11),
    "  ",
    pad(r.passed ? "ok" : "FAIL", 6),
    checks.join("; "),
  ].join("");
}

export function summary(results: CaseResult[], healthLimitMs: number): string {
  const failed = results.filter((r) => !r.passed);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const lines = [
    "",
    `${results.length - failed.length} of ${results.length} cases held (${Math.round(seconds)} s in cases; health limit ${healthLimitMs} ms).`,
  ];
  if (failed.length) lines.push(`Failed: ${failed.map((r) => r.case.id).join(", ")}`);
  return lines.join("\n");
}
