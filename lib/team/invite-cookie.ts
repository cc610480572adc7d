// The invite a person opened, carried through a provider's sign-in (which leaves the site and
// comes back): an httpOnly cookie, read once when the provider's account is first seen.
export const INVITE_COOKIE = "glm-chat-invite";
export const INVITE_COOKIE_MAX_AGE = 30 * 60;
