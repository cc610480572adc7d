"use client";

import { Share2Icon } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useTranslations } from "use-intl/react";
import type { ShareOptions } from "@/lib/share/share-schema";
import { Button } from "../ui/button";

// The conversation's Share button (share-dialog.tsx makes and revokes the links). Not rendered
// when the admin switched sharing off.

/** Loaded when the button is first pointed at, focused or pressed: a modal is not needed to show the page. */
const loadDialog = () => import("./share-dialog").then((m) => m.ShareDialog);
const ShareDialog = dynamic(loadDialog, { ssr: false });

export function ShareButton({ conversationId, sharing }: { conversationId: string; sharing: "signed-in" | "public" }) {
  const t = useTranslations("share");
  const [open, setOpen] = useState(false);
  // What the next link shows: kept as chosen last while the page is open.
  const [options, setOptions] = useState<ShareOptions>({
    mode: "snapshot",
    showThinking: false,
    showTools: false,
    showUsage: false,
  });
  return (
    <>
      <Button
        size="sm"
        onClick={() => setOpen(true)}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        <Share2Icon aria-hidden />
        {t("button")}
      </Button>
      {/* Rendered only while open: the list of links is read afresh each time. */}
      {open && (
        <ShareDialog
          conversationId={conversationId}
          sharing={sharing}
          options={options}
          onOptionsChange={setOptions}
          onOpenChange={setOpen}
        />
      )}
    </>
  );
}
