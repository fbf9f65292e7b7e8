import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type Rgba } from './png';

/**
 * The Teams app icons, drawn from shapes so they can be regenerated: a shield with a check mark.
 * Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white on transparent.
 * Run `npx tsx scripts/teams/icons.ts` to rewrite manifests/teams/color.png and outline.png.
 */
export const ACCENT = { r: 0x1f, g: 0x5f, b: 0x8b };
const WHITE = { r: 255, g: 255, b: 255 };
type Colour = typeof WHITE;

/** The shield in unit coordinates (u across, -1..1; v down, 0..1): flat top, straight sides, pointed foot. */
function inShield(u: number, v: number): boolean {
  if (v < 0 || v > 1) return false;
  const t = v < 0.42 ? 0 : (v - 0.42) / 0.58;
  return Math.abs(u) <= 1 - t * t;
}

function segmentDistance(x: number, y: number, [ax, ay, bx, by]: readonly number[]): number {
  const [dx, dy] = [(bx ?? 0) - (ax ?? 0), (by ?? 0) - (ay ?? 0)];
  const t = Math.max(0, Math.min(1, ((x - (ax ?? 0)) * dx + (y - (ay ?? 0)) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ((ax ?? 0) + t * dx), y - ((ay ?? 0) + t * dy));
}

/** The check mark, in the same unit coordinates, as two strokes of half-width `w`. */
const CHECK = [
  [-0.42, 0.47, -0.1, 0.72],
  [-0.1, 0.72, 0.45, 0.24],
] as const;
const inCheck = (u: number, v: number, w: number) => CHECK.some((s) => segmentDistance(u, v, s) <= w);

/**
 * Renders `shape(x, y)` (x, y in 0..1 across the image) with 4×4 supersampling; `shape` answers
 * the colour at that point or null for the background.
 */
function render(size: number, background: Colour | null, shape: (x: number, y: number) => Colour | null): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size) ?? background;
          if (!c) continue;
          [r, g, b, a] = [r + c.r, g + c.g, b + c.b, a + 1];
        }
      }
      const i = (py * size + px) * 4;
      // Colour is averaged over the covered samples only, so edges fade in alpha, not towards black.
      if (a > 0)
        pixels.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (n * n))], i);
    }
  }
  return { width: size, height: size, pixels };
}

/** Shield coordinates for a point of the image: the shield fills `scale` of it, centred. */
const toShield = (x: number, y: number, scale: number) => ({
  u: ((x - 0.5) * 2) / scale,
  v: (y - (1 - scale) / 2) / scale,
});

export function drawIcons(): { color: Rgba; outline: Rgba } {
  const color = render(192, ACCENT, (x, y) => {
    const { u, v } = toShield(x, y, 0.62);
    if (!inShield(u, v)) return null;
    return inCheck(u, v, 0.085) ? ACCENT : WHITE;
  });
  const outline = render(32, null, (x, y) => {
    const { u, v } = toShield(x, y, 0.9);
    const ring = inShield(u, v) && !inShield(u / 0.8, (v - 0.07) / 0.83);
    return ring || inCheck(u, v, 0.075) ? WHITE : null;
  });
  return { color, outline };
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '../../manifests/teams');
  const { color, outline } = drawIcons();
  writeFileSync(path.join(dir, 'color.png'), encodePng(color));
  writeFileSync(path.join(dir, 'outline.png'), encodePng(outline));
  console.log(`wrote ${dir}/color.png (192×192) and outline.png (32×32)`);
}
