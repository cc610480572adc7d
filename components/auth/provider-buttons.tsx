import { providerSignInAction } from "@/app/(auth)/actions";
import type { ProviderOption } from "@/lib/auth/provider-config";
import { getTranslations } from "@/lib/i18n/server";
import { Button } from "../ui/button";

/** One button per configured sign-in provider; each goes to the provider and back. */
export async function ProviderButtons({
  providers,
  callbackUrl,
  invite,
  divider,
}: {
  providers: ProviderOption[];
  callbackUrl?: string;
  invite?: string;
  /** An "or" line above, when a password form comes first. */
  divider: boolean;
}) {
  if (providers.length === 0) return null;
  const t = await getTranslations("auth");
  return (
    <div className="mt-4 flex flex-col gap-2">
      {divider && (
        <p className="flex items-center gap-2 text-xs text-fg-muted before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
          {t("orProvider")}
        </p>
      )}
      {providers.map((provider) => (
        <form key={provider.id} action={providerSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
          {invite && <input type="hidden" name="invite" value={invite} />}
          <Button type="submit" size="lg" className="w-full">
            {t("continueWith", { provider: provider.name })}
          </Button>
        </form>
      ))}
    </div>
  );
}
