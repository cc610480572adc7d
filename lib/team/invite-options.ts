/** How long an invite link can be made to last, in days (the form offers these). */
export const INVITE_VALIDITY_DAYS = [1, 7, 30] as const;
