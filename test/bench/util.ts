/** Small shared pieces of the benchmarks: a seeded random source, percentiles, table printing, verdicts. */

/** Mulberry32: a tiny seeded PRNG, so that every run types the same keystrokes at the same gaps. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A stable 32-bit hash of a string (FNV-1a), for choices that must not depend on the order of events. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The q-quantile (0..1) of the values, nearest-rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export type Verdict = 'PASS' | 'MISS' | '-';

export function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? '-' : ok ? 'PASS' : 'MISS';
}

/** Fixed-width text table: first row is the header; numbers are right-aligned, text left-aligned. */
export function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (i: number): boolean => rows.slice(1).every((row) => typeof row[i] === 'number' || row[i] === '-');
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (numeric(i) && i > 0 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const [header, ...body] = cells;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

/** `a / b` as "3.4×", or "-" when b is zero. */
export function ratio(a: number, b: number): string {
  return b === 0 ? (a === 0 ? '1.0×' : '∞') : `${(a / b).toFixed(1)}×`;
}

export function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}
