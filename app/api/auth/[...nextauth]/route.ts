import { authEndpoints } from "@/lib/api/auth-endpoints";
import { handlers } from "@/lib/auth";

export const { GET, POST } = authEndpoints(handlers);
