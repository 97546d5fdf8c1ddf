export { ensureChromium, screenshot, type ScreenshotSize } from './chromium.js';
export { decodePng, pixelStats, type DecodedPng } from './png.js';
