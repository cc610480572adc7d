import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address."))
  .pipe(z.string().max(254));

export const MIN_PASSWORD_LENGTH = 8;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
  email: emailSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Use at most 200 characters."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
