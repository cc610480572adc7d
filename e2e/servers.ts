// Ports and settings shared by playwright.config.ts and the tests.
export const SIM_PORT = 4110;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const SIM_API_KEY = "sk-e2e-simulator";
export const APP_PORT = 3100;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** A second instance of the same build with no model platform configured. */
export const BARE_APP_PORT = 3101;
export const BARE_APP_URL = `http://127.0.0.1:${BARE_APP_PORT}`;
/** The team admin the e2e server creates before the app starts. */
export const ADMIN = { email: "admin@example.test", password: "admin password 123", name: "Admin" };
