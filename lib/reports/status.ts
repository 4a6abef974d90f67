import { ruPercentNumber } from '../surveys/satisfaction';
import { DEFAULT_AT_RISK, type IndicatorStatus } from './types';

/*
 * An indicator's status against its target (rules of issue 16): on track when the actual
 * reaches the target, at risk when it reaches target × atRisk (0.9), else behind. With no
 * target there is nothing to judge ('no_target', first); with no actual, 'no_data'.
 * The comparison allows for binary fractions (63 against 70 × 0.9 = 63.000…01 is at risk).
 */

const EPS = 1e-9;
const atLeast = (a: number, b: number) => a >= b - EPS * Math.max(1, Math.abs(b));

export function indicatorStatus(actual: number | null | undefined, target: number | null | undefined, atRisk: number = DEFAULT_AT_RISK): IndicatorStatus {
  if (target === null || target === undefined || !Number.isFinite(target)) return 'no_target';
  if (actual === null || actual === undefined || !Number.isFinite(actual)) return 'no_data';
  if (atLeast(actual, target)) return 'on_track';
  if (atLeast(actual, target * atRisk)) return 'at_risk';
  return 'behind';
}

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  on_track: 'в графике',
  at_risk: 'под угрозой',
  behind: 'отстаёт',
  no_data: 'нет данных',
  no_target: 'цель не задана',
};

export const statusLabel = (s: IndicatorStatus): string => STATUS_LABELS[s];

/** The thresholds in words, for the page and the справка. */
export const statusRule = (atRisk: number = DEFAULT_AT_RISK): string =>
  `«в графике» — факт не ниже цели; «под угрозой» — не ниже ${ruPercentNumber(atRisk * 100)} % цели; «отстаёт» — ниже.`;
