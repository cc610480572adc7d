// Seeds a conversation of <turns> turns for the user <user-id> into the database <database-url>,
// through the app's own queries (./long-conversation), and prints it as JSON
// ({ conversationId, headId, messages }). The app may be running on that database meanwhile.
// Usage: tsx --conditions=react-server test/seed-conversation.ts <database-url> <user-id> <turns> [platform]
const [databaseUrl, userId, turns, platform] = process.argv.slice(2);
if (!databaseUrl || !userId || !Number(turns)) {
  throw new Error("usage: seed-conversation.ts <database-url> <user-id> <turns> [platform]");
}
process.env.DATABASE_URL = databaseUrl;
const { seedConversation } = await import("./long-conversation");
const seeded = await seedConversation({ userId, turns: Number(turns), platform });
const { db } = await import("../lib/db/client");
await db.$disconnect();
console.log(JSON.stringify(seeded));

export {};
