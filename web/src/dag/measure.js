// Text widths for layout, measured with the same fonts the SVG uses (see
// styles.css: .dag text). A canvas is the cheapest exact measure on the main
// thread; results are cached because the same port names recur.

export const FONT_UI = '"Inter", "Segoe UI", system-ui, "DejaVu Sans", sans-serif';
export const FONT_MONO = 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace';

let ctx = null;
let ctxFont = '';
const cache = new Map();
// Every task title is a key of its own: a bound below the task count made
// a large pipeline clear (and re-measure) the port names over and over.
const CACHE_MAX = 50000;

export function textWidth(text, font) {
  const key = font + '\u0000' + text;
  let w = cache.get(key);
  if (w !== undefined) return w;
  if (!ctx) {
    let c = null;
    if (typeof OffscreenCanvas !== 'undefined') c = new OffscreenCanvas(1, 1);
    else if (typeof document !== 'undefined') c = document.createElement('canvas');
    ctx = (c && c.getContext('2d')) || false;
  }
  if (ctx) {
    // Setting ctx.font parses the font string each time, even an unchanged one.
    if (ctxFont !== font) ctx.font = ctxFont = font;
    w = ctx.measureText(text).width;
  } else {
    w = text.length * 7; // no canvas (tests under node): a fair average
  }
  if (cache.size > CACHE_MAX) cache.clear();
  cache.set(key, w);
  return w;
}

// Cuts text to fit maxWidth, with an ellipsis; the caller keeps the full text
// in a <title>.
export function fitText(text, font, maxWidth) {
  if (textWidth(text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(text.slice(0, mid) + '…', font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}
