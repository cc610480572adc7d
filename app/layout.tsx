import type { Metadata, Viewport } from "next";
import { I18nProvider } from "@/components/i18n-provider";
import { ThemeProvider } from "@/components/theme-provider";
import { TooltipProvider } from "@/components/ui/tooltip";
import { messagesFor } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "GLM Chat", template: "%s · GLM Chat" },
  description: "Team chat for Zhipu's GLM models.",
  // In public/ (scripts/make-icons.ts draws the PNGs and the .ico from the SVGs); the web app
  // manifest is app/manifest.ts. The .ico says 32x32 so that browsers which can take the SVG do.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  appleWebApp: { capable: true, title: "GLM Chat", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#131318" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    // next-themes sets the theme's class on <html> before React hydrates: not a mismatch.
    <html lang={locale} suppressHydrationWarning>
      <body className="antialiased font-sans">
        <ThemeProvider>
          <I18nProvider locale={locale} messages={messagesFor(locale)}>
            <TooltipProvider>{children}</TooltipProvider>
          </I18nProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
