import "server-only";
import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so it installs everywhere (no native build), and cost 12 keeps a
// hash around a quarter second on a small server, slow for guessing, fine for a sign-in.
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so that a wrong email and a wrong password take
// the same time and sign-in does not reveal which accounts exist.
export const DUMMY_HASH = "$2b$12$9szo7toZQhcRUUh2UbfXJOSIQ6JmZH0bBtsDsWjY/1NgMPdRugySG";
