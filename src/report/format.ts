/**
 * Text for numbers in the report. Written by hand rather than with
 * `toLocaleString`, whose output depends on the host's ICU data and locale;
 * the same run must give the same report everywhere.
 */

import { formatDatetime } from './values';

/** 1234567 as `1,234,567`. */
export function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A share (0..1) as a percentage with one decimal: `12.5%`. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * Held out of checked as a percentage with two decimals, rounded down so
 * that 99,999 of 100,000 never reads as `100.00%`.
 */
export function formatHeld(held: number, checked: number): string {
  if (checked === 0) return '–';
  const hundredths = Math.floor((held / checked) * 10_000);
  return `${(hundredths / 100).toFixed(2)}%`;
}

/**
 * A statistic of a number or datetime column. Minimum and maximum are
 * values from the file and are shown as they are; a mean is rounded to
 * two decimals (three significant digits below 1).
 */
export function formatStat(
  value: number,
  kind: 'number' | 'datetime',
  rounded = false,
): string {
  if (kind === 'datetime') return formatDatetime(value);
  if (!rounded || Number.isInteger(value)) return String(value);

  const abs = Math.abs(value);
  return String(abs >= 1 ? Number(value.toFixed(2)) : value.toPrecision(3));
}

/**
 * A fidelity score (0..1) in hundredths, rounded down so that a score
 * below a mark never reads as the mark: 0.799 is `0.79`. The small
 * allowance keeps float noise such as 0.58 * 100 = 57.99999999999999 from
 * costing a hundredth.
 */
export function scoreHundredths(score: number): number {
  return Math.floor(score * 100 + 1e-9);
}

/** A fidelity score with two decimals, as {@link scoreHundredths}. */
export function formatScore(score: number | null): string {
  if (score === null) return '–';
  return (scoreHundredths(score) / 100).toFixed(2);
}

/**
 * A correlation signed and with two decimals, `+0.91` or `−0.05`, so that
 * a column of them lines up; `–` when it is not defined. Rounded before
 * the sign is chosen, so that -0.001 reads as `+0.00`, not `−0.00`.
 */
export function formatCorrelation(rho: number | null): string {
  if (rho === null) return '–';
  const hundredths = Math.round(rho * 100);
  const sign = hundredths < 0 ? '−' : '+';
  return sign + (Math.abs(hundredths) / 100).toFixed(2);
}
