/**
 * A small SVG line-chart renderer for the HTML report: periods along x, one line per series, points
 * as `<circle>`s carrying the attributes the caller gives them, an optional band (per period, from
 * a lower to an upper value) and shaded zones behind. Plain SVG text, no script: colours come from
 * the page's CSS classes, so the chart follows light and dark mode and prints.
 * @internal
 * @module
 */

/** @internal Text for HTML and SVG: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** @internal A point of a line. */
export interface ChartPoint {
  /** The period's index along x. */
  readonly index: number;
  readonly value: number;
  /** The element's attributes, written as given (`data-period="2025-01" ...`, escaped by the caller). */
  readonly attributes: string;
  /** A ▲ above it, or a ▼ below it. */
  readonly mark?: 'above' | 'below';
}

/** @internal A line: its points in period order; a gap where a period has none. */
export interface ChartLine {
  /** Its CSS class (colour, dashes). */
  readonly className: string;
  readonly title: string;
  readonly points: readonly ChartPoint[];
}

/** @internal A band at one period, such as p-chart limits. */
export interface ChartBandStep {
  readonly index: number;
  readonly lower: number;
  readonly upper: number;
  readonly center: number;
}

/** @internal A shaded range of values behind the lines, such as a benchmark band. */
export interface ChartZone {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly className: string;
}

/** @internal What to draw. */
export interface ChartSpec {
  /** The `<svg>`'s own attributes (`data-kpi="..."`), escaped by the caller. */
  readonly attributes: string;
  readonly title: string;
  readonly description: string;
  /** The period keys along x. */
  readonly periods: readonly string[];
  readonly lines: readonly ChartLine[];
  readonly band?: { readonly title: string; readonly steps: readonly ChartBandStep[] };
  readonly zones?: readonly ChartZone[];
  /** The lowest and highest values the y axis must show (the lines, the band, the zones that matter). */
  readonly extent: readonly [number, number];
  /** An axis tick's label. */
  readonly tick: (value: number, step: number) => string;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 28, bottom: 26, left: 60 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** A coordinate, in whole units of a 640-wide view box (finer does not show, and costs bytes on every point). */
function coordinate(value: number): string {
  return String(Math.round(value));
}

/** @internal Ticks at 1, 2 or 5 × 10ⁿ covering [low, high] with about `count` steps, and the axis they span. */
export function niceTicks(low: number, high: number, count = 4): { ticks: number[]; step: number; min: number; max: number } {
  // A range too narrow to divide (one value, or values a float's rounding apart): a unit above the lowest.
  if (!(high - low > 1e-9 * Math.max(1, Math.abs(low), Math.abs(high)))) high = low + Math.max(1, Math.abs(low));
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  const step = (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10) * power;
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let index = 0; min + index * step <= max + step / 1e6; index++) ticks.push(Math.round((min + index * step) / step) * step);
  return { ticks, step, min, max };
}

/** @internal The chart as SVG text. */
export function lineChart(spec: ChartSpec): string {
  const count = spec.periods.length;
  const x = (index: number): number => MARGIN.left + (count <= 1 ? PLOT_WIDTH / 2 : (index * PLOT_WIDTH) / (count - 1));
  const { ticks, step, min, max } = niceTicks(spec.extent[0], spec.extent[1]);
  const y = (value: number): number => MARGIN.top + PLOT_HEIGHT * (1 - (Math.min(max, Math.max(min, value)) - min) / (max - min));
  const half = count <= 1 ? PLOT_WIDTH / 2 : PLOT_WIDTH / (count - 1) / 2;
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const parts: string[] = [
    `<svg ${spec.attributes} viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"><title>${escapeHtml(spec.title)}</title><desc>${escapeHtml(spec.description)}</desc>`,
  ];
  for (const zone of spec.zones ?? []) {
    const top = y(Math.min(zone.to, max));
    const bottom = y(Math.max(zone.from, min));
    if (bottom - top < 1) continue;
    parts.push(
      `<g class="${zone.className}"><title>${escapeHtml(zone.label)}</title><rect x="${left}" y="${coordinate(top)}" width="${PLOT_WIDTH}" height="${coordinate(bottom - top)}"/>` +
        `<text x="${right - 4}" y="${coordinate(top + 12)}" text-anchor="end">${escapeHtml(zone.label.split(':')[0]!)}</text></g>`,
    );
  }
  parts.push('<g class="axis">');
  for (const tick of ticks) parts.push(`<line x1="${left}" x2="${right}" y1="${coordinate(y(tick))}" y2="${coordinate(y(tick))}"/><text x="${left - 6}" y="${coordinate(y(tick) + 4)}" text-anchor="end">${escapeHtml(spec.tick(tick, step))}</text>`);
  // At most about 8 period labels, evenly spaced, the last one always.
  const every = Math.max(1, Math.ceil(count / 8));
  for (let index = 0; index < count; index++) {
    if ((count - 1 - index) % every !== 0) continue;
    parts.push(`<text x="${coordinate(x(index))}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(spec.periods[index]!)}</text>`);
  }
  parts.push('</g>');
  if (spec.band !== undefined && spec.band.steps.length > 0) {
    let area = '';
    let center = '';
    for (const step of spec.band.steps) {
      const from = coordinate(Math.max(left, x(step.index) - half));
      const to = coordinate(Math.min(right, x(step.index) + half));
      area += `M${from} ${coordinate(y(step.upper))}H${to}V${coordinate(y(step.lower))}H${from}Z`;
      center += `M${from} ${coordinate(y(step.center))}H${to}`;
    }
    parts.push(`<g class="band"><title>${escapeHtml(spec.band.title)}</title><path d="${area}"/><path class="center" d="${center}"/></g>`);
  }
  for (const line of spec.lines) {
    let path = '';
    let previous = -2;
    for (const point of line.points) {
      path += `${point.index === previous + 1 ? 'L' : 'M'}${coordinate(x(point.index))} ${coordinate(y(point.value))}`;
      previous = point.index;
    }
    parts.push(`<g class="line ${line.className}"><title>${escapeHtml(line.title)}</title><path d="${path}"/>`);
    for (const point of line.points) {
      const cx = coordinate(x(point.index));
      const cy = y(point.value);
      // No <title> per point: the table beside the chart has every value, and a page of 24 periods × 6 lines × 13 charts stays small.
      parts.push(`<circle cx="${cx}" cy="${coordinate(cy)}" r="3" ${point.attributes}/>`);
      if (point.mark === 'above') parts.push(`<text class="mark" x="${cx}" y="${coordinate(cy - 7)}" text-anchor="middle">▲</text>`);
      if (point.mark === 'below') parts.push(`<text class="mark" x="${cx}" y="${coordinate(cy + 15)}" text-anchor="middle">▼</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
