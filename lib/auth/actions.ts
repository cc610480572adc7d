"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { createUser, findUserByEmail } from "../db/users";
import { signInSchema, signUpSchema } from "./credentials";
import { signIn, signOut } from "./index";
import { hashPassword } from "./password";

// Form actions for the sign-in and sign-up pages. They return field errors for the form to show;
// on success next-auth redirects (which Next.js implements by throwing, so it must propagate).

export interface AuthFormState {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  values?: { name?: string; email?: string };
}

function fieldErrors(error: z.ZodError): AuthFormState["fieldErrors"] {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return { name: flat.name?.[0], email: flat.email?.[0], password: flat.password?.[0] };
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Wrong email or password.", values };
    throw error;
  }
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = signUpSchema.safeParse({
    name: form.get("name") ?? undefined,
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  const { name, email, password } = parsed.data;
  if (await findUserByEmail(email)) {
    return { fieldErrors: { email: "An account with this email exists already. Sign in instead." }, values };
  }
  try {
    await createUser({ email, name, passwordHash: await hashPassword(password) });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides.
    if ((error as { code?: unknown }).code === "P2002") {
      return { fieldErrors: { email: "An account with this email exists already. Sign in instead." }, values };
    }
    console.error("sign-up: could not create the user", error);
    return { error: "Your account could not be created right now. Try again in a moment.", values };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Your account was created; sign in to continue.", values };
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** Only same-site paths, so a crafted link cannot send a user elsewhere after signing in. */
function safeRedirect(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
