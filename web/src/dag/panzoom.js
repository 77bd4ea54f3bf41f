// Pan (drag), zoom (wheel, around the pointer) and fit for one SVG whose
// first <g class="viewport"> holds the drawing. A drag that moves less than a
// few pixels is left alone so that clicks on nodes still work.

export class PanZoom {
  constructor(host, { minScale = 0.05, maxScale = 4 } = {}) {
    this.host = host;
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.t = { x: 0, y: 0, k: 1 };
    this.size = { w: 0, h: 0 };
    this.svg = null;
    this.drag = null;
    this.suppressClick = false;
    host.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    host.addEventListener('pointerdown', (e) => this.onDown(e));
    host.addEventListener('pointermove', (e) => this.onMove(e));
    host.addEventListener('pointerup', (e) => this.onUp(e));
    host.addEventListener('pointercancel', (e) => this.onUp(e));
    // Swallow the click that ends a real drag.
    host.addEventListener('click', (e) => {
      if (this.suppressClick) {
        e.stopPropagation();
        e.preventDefault();
        this.suppressClick = false;
      }
    }, true);
  }

  attach(svg, width, height) {
    this.svg = svg;
    this.size = { w: width, h: height };
    this.apply();
  }

  apply() {
    if (!this.svg) return;
    const vp = this.svg.querySelector('g.viewport');
    if (vp) vp.setAttribute('transform', `translate(${this.t.x},${this.t.y}) scale(${this.t.k})`);
    this.host.dataset.scale = this.t.k.toFixed(3);
    if (this.onChange) this.onChange(this.t);
  }

  fit({ maxScale = 1.25, margin = 16 } = {}) {
    const r = this.host.getBoundingClientRect();
    const { w, h } = this.size;
    if (!w || !h || !r.width || !r.height) return;
    const k = Math.max(this.minScale, Math.min(maxScale, (r.width - 2 * margin) / w, (r.height - 2 * margin) / h));
    this.t = { k, x: (r.width - w * k) / 2, y: (r.height - h * k) / 2 };
    this.apply();
  }

  zoomAt(factor, cx, cy) {
    const k = Math.max(this.minScale, Math.min(this.maxScale, this.t.k * factor));
    const f = k / this.t.k;
    this.t = { k, x: cx - (cx - this.t.x) * f, y: cy - (cy - this.t.y) * f };
    this.apply();
  }

  zoomBy(factor) {
    const r = this.host.getBoundingClientRect();
    this.zoomAt(factor, r.width / 2, r.height / 2);
  }

  // Scrolls so that the box (drawing coordinates) is in view, without zooming.
  reveal(x, y, w, h) {
    const r = this.host.getBoundingClientRect();
    const k = this.t.k;
    const left = this.t.x + x * k;
    const top = this.t.y + y * k;
    let dx = 0;
    let dy = 0;
    if (left < 12) dx = 12 - left;
    else if (left + w * k > r.width - 12) dx = r.width - 12 - (left + w * k);
    if (top < 12) dy = 12 - top;
    else if (top + h * k > r.height - 12) dy = r.height - 12 - (top + h * k);
    if (dx || dy) {
      this.t = { ...this.t, x: this.t.x + dx, y: this.t.y + dy };
      this.apply();
    }
  }

  onWheel(e) {
    if (!this.svg) return;
    e.preventDefault();
    const r = this.host.getBoundingClientRect();
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.zoomAt(Math.exp(-dy * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }

  onDown(e) {
    if (e.button !== 0 || !this.svg) return;
    if (e.target.closest && e.target.closest('.group-toggle')) return;
    this.drag = { x: e.clientX, y: e.clientY, tx: this.t.x, ty: this.t.y, moved: false, id: e.pointerId };
  }

  onMove(e) {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      this.host.setPointerCapture(e.pointerId);
      this.host.classList.add('panning');
    }
    this.t = { ...this.t, x: d.tx + dx, y: d.ty + dy };
    this.apply();
  }

  onUp(e) {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    if (d.moved) {
      this.suppressClick = true;
      this.host.classList.remove('panning');
      try {
        this.host.releasePointerCapture(e.pointerId);
      } catch {
        /* already released */
      }
    }
    this.drag = null;
  }
}
