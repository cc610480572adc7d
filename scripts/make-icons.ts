// Renders the app icons in public/ from their two hand-written sources, public/icon.svg (the
// mark) and public/icon-maskable.svg (full bleed, for Android's launcher masks), so that a phone
// can put the site on its home screen and every browser finds a favicon. Browsers and launchers
// want PNGs (and an .ico at /favicon.ico); the PNGs are committed, so a fresh clone needs none of
// this. After changing an SVG: `npx tsx scripts/make-icons.ts`, then commit what it wrote.
// It draws with the system Chromium the browser tests use (e2e/chromium.ts, CHROMIUM_PATH).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";

const publicDir = path.resolve(import.meta.dirname, "../public");
/** The accent colour the mark's tile is painted in (app/globals.css, --accent). */
const ACCENT = "#3b4fd8";

/** The SVG drawn at size × size; transparent where it is unless `background` is given. */
async function render(browser: Browser, svgFile: string, size: number, background?: string): Promise<Buffer> {
  const svg = readFileSync(path.join(publicDir, svgFile)).toString("base64");
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  try {
    await page.setContent(
      `<style>html,body{margin:0;background:${background ?? "transparent"}}img{display:block}</style>` +
        `<img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}" alt="">`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    return await page.screenshot({ omitBackground: !background, clip: { x: 0, y: 0, width: size, height: size } });
  } finally {
    await page.close();
  }
}

/** An .ico of PNG images (Windows Vista and every browser read these): ICONDIR, entries, data. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

function write(file: string, data: Buffer) {
  writeFileSync(path.join(publicDir, file), data);
  console.log(`public/${file} (${data.length} bytes)`);
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  write("icon-192.png", await render(browser, "icon.svg", 192));
  write("icon-512.png", await render(browser, "icon.svg", 512));
  write("icon-maskable-512.png", await render(browser, "icon-maskable.svg", 512));
  // iOS rounds the corners itself and shows transparency as black: the tile's colour to the edges.
  write("apple-touch-icon.png", await render(browser, "icon.svg", 180, ACCENT));
  write(
    "favicon.ico",
    ico([
      { size: 16, png: await render(browser, "icon.svg", 16) },
      { size: 32, png: await render(browser, "icon.svg", 32) },
    ]),
  );
} finally {
  await browser.close();
}
