import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { signUpAction } from "@/lib/auth/actions";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return <AuthForm mode="sign-up" action={signUpAction} />;
}
