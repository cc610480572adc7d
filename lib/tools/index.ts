import "server-only";
import { currentTime } from "./current-time";
import { readWebPage } from "./read-web-page";

// The tools the server runs for the model. A turn offers them where the platform supports tool
// calling; the model may call tools and continue for at most MAX_TOOL_STEPS steps.

export const builtinTools = { current_time: currentTime, read_web_page: readWebPage };

export const MAX_TOOL_STEPS = 5;
