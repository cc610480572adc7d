/**
 * What a tool reports when it cannot do what it was asked: shown on its card and given to the
 * model as the tool's result, never mistaken for a failure of the platform.
 */
export class ToolError extends Error {
  override name = "ToolError";
}
