// The drawn graph as a standalone SVG file (styles inlined from the page's
// own .dag rules, no pan/zoom transform) and as a PNG rendered from it.

function dagCss() {
  const out = [];
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // cross-origin sheet
    }
    for (const r of rules) {
      if (r.selectorText && /\.dag\b/.test(r.selectorText)) out.push(r.cssText);
    }
  }
  return out.join('\n');
}

export function exportSvgText(svg, width, height, { background = '#ffffff' } = {}) {
  const c = svg.cloneNode(true);
  const w = Math.ceil(width);
  const hgt = Math.ceil(height);
  c.setAttribute('width', String(w));
  c.setAttribute('height', String(hgt));
  c.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  c.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const vp = c.querySelector('g.viewport');
  if (vp) vp.removeAttribute('transform');
  for (const el of c.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = dagCss();
  c.insertBefore(style, c.firstChild);
  if (background) {
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', background);
    c.insertBefore(bg, style.nextSibling);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(c);
}

export async function exportPngBlob(svgText, width, height, scale = 2) {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    // Canvas size is bounded by the browser; keep big graphs under ~16k px.
    const k = Math.min(scale, 16000 / Math.max(width, height, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * k));
    canvas.height = Math.max(1, Math.round(height * k));
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
