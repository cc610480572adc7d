/** DateTime as Prisma stores it in SQLite, so that raw SQL writes the same text and both sort alike. */
export function prismaDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
