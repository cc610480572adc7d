// The `error` a sign-in page is sent back with (by a refused provider sign-in, ours, or by
// next-auth, whose codes name failures an operator investigates), as the words a person sees.

const OURS = [
  "closed",
  "inviteInvalid",
  "inviteEmail",
  "disabled",
  "noEmail",
  "notLinked",
  "emailTaken",
  "setupRequired",
] as const;
export type SignInErrorKey = (typeof OURS)[number] | "wrongCredentials" | "providerFailed";

export function signInErrorKey(code: string | undefined): SignInErrorKey | null {
  if (!code) return null;
  if ((OURS as readonly string[]).includes(code)) return code as SignInErrorKey;
  if (code === "CredentialsSignin") return "wrongCredentials";
  return "providerFailed";
}
