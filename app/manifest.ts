import type { MetadataRoute } from "next";

// The web app manifest (served at /manifest.webmanifest and linked from every page by Next.js):
// what a phone needs to put the app on its home screen and open it like an app. The icons are
// in public/ (scripts/make-icons.ts), readable without a session.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "GLM Chat",
    short_name: "GLM Chat",
    description: "Team chat for Zhipu's GLM models.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    // The splash screen and title bar: the app's light background (dark: #131318, from the
    // theme-color meta tags in app/layout.tsx, which a manifest cannot express).
    background_color: "#ffffff",
    theme_color: "#ffffff",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
