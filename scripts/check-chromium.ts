// Before the browser tests: find Chromium, or say exactly how to get it. Playwright's own
// browser download cannot work on machines without internet access, so we use the system's.
import { existsSync } from "node:fs";
import { chromiumPath } from "../e2e/chromium";

const path = chromiumPath();
if (!existsSync(path)) {
  console.error(
    `Chromium was not found at ${path}.\n` +
      "Install it with `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu),\n" +
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
  process.exit(1);
}
