// The map's pointer, wheel and keyboard input: drag to pan, wheel to zoom
// at the pointer, hover for a city's tooltip, click to select, arrow keys,
// +/-, 0 and Escape. It asks the view to act; it holds no map state.

/** What input asks of the view. */
export interface MapControls {
  panBy(dx: number, dy: number): void;
  zoomAt(factor: number, cx?: number, cy?: number, settle?: boolean): void;
  resetView(): void;
  /** The city column nearest to canvas point (x, y) within 7 px, or null. */
  cityAt(x: number, y: number): number | null;
  hover(i: number | null): void;
  select(i: number | null): void;
}

const PICK_SLOP = 4; // px a click may move and still select

/** Attaches the listeners to `canvas`; `tooltipText` words the hovered city. */
export function attachMapInput(canvas: HTMLCanvasElement, tooltip: HTMLElement, controls: MapControls,
  tooltipText: (i: number) => string): void {
  let dragging = false;
  let moved = 0;
  let lastX = 0;
  let lastY = 0;
  const pos = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  canvas.addEventListener("pointerdown", (e) => {
    dragging = true;
    moved = 0;
    [lastX, lastY] = [e.clientX, e.clientY];
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (dragging) {
      const dx = e.clientX - lastX;
      const dy = e.clientY - lastY;
      moved += Math.abs(dx) + Math.abs(dy);
      [lastX, lastY] = [e.clientX, e.clientY];
      tooltip.hidden = true;
      controls.panBy(dx, dy);
      return;
    }
    const [x, y] = pos(e);
    const i = controls.cityAt(x, y);
    controls.hover(i);
    if (i === null) {
      tooltip.hidden = true;
      canvas.style.cursor = "grab";
      return;
    }
    canvas.style.cursor = "pointer";
    tooltip.hidden = false;
    tooltip.textContent = tooltipText(i);
    tooltip.style.left = `${Math.min(x + 12, canvas.clientWidth - 160)}px`;
    tooltip.style.top = `${y + 12}px`;
  });
  canvas.addEventListener("pointerup", (e) => {
    dragging = false;
    if (moved > PICK_SLOP) return;
    const [x, y] = pos(e);
    controls.select(controls.cityAt(x, y));
  });
  canvas.addEventListener("pointerleave", () => {
    tooltip.hidden = true;
    controls.hover(null);
  });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = pos(e);
    controls.zoomAt(Math.exp(-e.deltaY * 0.0015), x, y, true);
  }, { passive: false });
  canvas.addEventListener("keydown", (e) => {
    const step = 60;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => controls.panBy(step, 0),
      ArrowRight: () => controls.panBy(-step, 0),
      ArrowUp: () => controls.panBy(0, step),
      ArrowDown: () => controls.panBy(0, -step),
      "+": () => controls.zoomAt(1.4),
      "=": () => controls.zoomAt(1.4),
      "-": () => controls.zoomAt(1 / 1.4),
      "0": () => controls.resetView(),
      Escape: () => controls.select(null),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
}
