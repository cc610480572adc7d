import { z } from "zod";

// What is stored for an MCP server and what an admin may send: the form's fields, and each
// discovered tool with the admin's choices.

export const mcpToolSchema = z.object({
  /** The tool's name on its server. */
  name: z.string().min(1).max(128),
  title: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  /** JSON Schema of the arguments, as the server listed it. */
  inputSchema: z.record(z.string(), z.unknown()),
  /** Offered to the model. New tools start off: an admin turns on what the team may use. */
  enabled: z.boolean().default(false),
  /** The user approves each call before it runs. */
  askFirst: z.boolean().default(true),
});
export type McpTool = z.infer<typeof mcpToolSchema>;
export const mcpToolsSchema = z.array(mcpToolSchema);

export const mcpServerInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the server a name.")
    .max(40)
    .regex(/[a-z0-9]/i, "Use at least one letter or digit: the name prefixes its tools."),
  url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: "Enter the server's Streamable HTTP URL, e.g. https://host/mcp." })),
  /** Empty when editing means "keep the stored token". */
  token: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined),
  enabled: z.boolean().default(true),
});
export type McpServerInput = z.input<typeof mcpServerInputSchema>;

/** The admin's choices for one tool, as the tools form sends them. */
export const mcpToolChoicesSchema = z.record(
  z.string().min(1).max(128),
  z.object({ enabled: z.boolean(), askFirst: z.boolean() }),
);

/**
 * The name the model sees: server and tool, so that two servers' tools cannot clash, within the
 * `^[a-zA-Z0-9_-]{1,64}$` that the platforms accept.
 */
export function modelToolName(serverName: string, toolName: string): string {
  return `${slug(serverName, 24)}__${slug(toolName, 38)}`;
}

/** The server part of its tools' names: two servers may not share it. */
export function serverSlug(serverName: string): string {
  return slug(serverName, 24);
}

function slug(text: string, max: number): string {
  return trimUnderscores(text.toLowerCase().replace(/[^a-z0-9_-]+/g, "_")).slice(0, max) || "x";
}

/** Without leading and trailing "_" (a loop: /^_+|_+$/ is quadratic on a long run of them). */
function trimUnderscores(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === "_") start++;
  while (end > start && text[end - 1] === "_") end--;
  return text.slice(start, end);
}
