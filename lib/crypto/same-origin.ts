// A stored key or token is sent only where the admin gave it for: the same scheme, host and port
// (the URL's origin). Another path on the same origin keeps it; anything else needs it again, so
// that a URL edited from https to http, or to another port of the same host, cannot carry the key
// in the clear or to another service.

/** Whether two absolute URLs have the same origin (default ports and host case normalised). */
export function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
