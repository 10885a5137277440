// Geometry of a cause-and-effect (Ishikawa) diagram: a spine to the problem "head", category bones slanting
// into the spine alternately from above and below, and each cause as a labelled tick on its bone.

export interface FishboneInput {
  problem: string;
  categories: string[];
  causes: { category: string; text: string; contributing: boolean }[];
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Label {
  x: number;
  y: number;
  lines: string[];
  full: string;
  anchor: 'start' | 'middle' | 'end';
  /** Distance between the baselines of wrapped lines. */
  lineHeight: number;
}

export interface Bone {
  category: string;
  line: Line;
  label: Label;
  causes: { tick: Line; label: Label; contributing: boolean }[];
}

export interface FishboneLayout {
  width: number;
  height: number;
  spine: Line;
  head: { x: number; y: number; width: number; height: number; label: Label };
  bones: Bone[];
}

const WIDTH = 960;
const HEAD_W = 190;
const CHAR_W = 6.4; // average width of a 12px character, for truncation
const TICK = 16;
const CAUSE_LINE = 13; // 12px text
const CAUSE_GAP = 34; // room along a bone for a two-line cause

/** Splits text into at most `maxLines` lines of `maxChars`, ending with "…" when it had to cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line ? `${line} ${w}` : w;
    if (candidate.length <= maxChars) line = candidate;
    else {
      if (line) lines.push(line);
      line = w.length > maxChars ? `${w.slice(0, maxChars - 1)}…` : w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return kept;
}

export function layoutFishbone({ problem, categories, causes }: FishboneInput): FishboneLayout {
  const n = categories.length;
  const byCategory = categories.map((c) => causes.filter((x) => x.category === c));
  const most = Math.max(0, ...byCategory.map((list) => list.length));
  const boneLen = Math.max(110, 40 + most * CAUSE_GAP);
  const slant = boneLen * 0.45;
  const top = 44;
  const spineY = top + boneLen;
  const height = spineY + boneLen + 44;
  const spineStart = 16;
  const headX = WIDTH - HEAD_W - 8;
  const cols = Math.max(1, Math.ceil(n / 2));
  const colW = (headX - spineStart - 30) / cols;
  const maxChars = Math.max(8, Math.floor((colW - TICK - 14) / CHAR_W));

  const bones: Bone[] = categories.map((category, i) => {
    const col = Math.floor(i / 2);
    const above = i % 2 === 0;
    const xEnd = spineStart + 30 + (col + 1) * colW - 12;
    const xOuter = xEnd - slant;
    const yOuter = above ? spineY - boneLen : spineY + boneLen;
    const list = byCategory[i];
    return {
      category,
      line: { x1: xOuter, y1: yOuter, x2: xEnd, y2: spineY },
      label: {
        x: xOuter,
        y: above ? yOuter - 12 : yOuter + 22,
        lines: wrapText(category, Math.floor(colW / 7.2), 1),
        full: category,
        anchor: 'middle',
        lineHeight: 15,
      },
      causes: list.map((cause, j) => {
        // Spread the causes along the bone, leaving room at both ends.
        const t = (j + 1) / (list.length + 1);
        const x = xOuter + t * slant;
        const y = yOuter + t * (spineY - yOuter);
        // Up to two lines, centred on the tick.
        const lines = wrapText(cause.text, maxChars, 2);
        return {
          tick: { x1: x - TICK, y1: y, x2: x, y2: y },
          label: { x: x - TICK - 4, y: y + 4 - ((lines.length - 1) * CAUSE_LINE) / 2, lines, full: cause.text, anchor: 'end' as const, lineHeight: CAUSE_LINE },
          contributing: cause.contributing,
        };
      }),
    };
  });

  const headH = 84;
  const headLines = wrapText(problem || 'Problem', 21, 4);
  return {
    width: WIDTH,
    height,
    spine: { x1: spineStart, y1: spineY, x2: headX, y2: spineY },
    head: {
      x: headX,
      y: spineY - headH / 2,
      width: HEAD_W,
      height: headH,
      // Centred vertically: 15px per line, baseline about 4px below the middle of a line.
      label: { x: headX + HEAD_W / 2, y: spineY - ((headLines.length - 1) * 15) / 2 + 4, lines: headLines, full: problem, anchor: 'middle', lineHeight: 15 },
    },
    bones,
  };
}
