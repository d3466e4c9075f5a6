// The rule and status-level forms read in the units they show: 80 is 80 %, and 0.8 typed there is refused.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/server/errors';
import { parseForm } from '@/lib/forms';
import { formPercent, ruleForm, ruleLabels, thresholdLabels, thresholdsForm } from './fields';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

const rule = { name: 'fds', dimension: 'processFds', warning: '80', critical: '90', forSeconds: '60', hysteresis: '5', label: '', enabled: true };
const parseRule = (values: Record<string, unknown>) => {
  const unit = values.dimension === 'exhaustion' ? 'seconds' : values.dimension === 'silent' ? 'condition' : 'percent';
  return parseForm(ruleForm(unit), { ...rule, ...values }, ruleLabels(unit));
};

describe('settings forms', () => {
  it('take a percentage as a percentage', () => {
    const schema = z.object({ warning: formPercent() });
    expect(parseForm(schema, { warning: '80' }, {})).toEqual({ warning: 80 });
    expect(parseForm(schema, { warning: ' ' }, {})).toEqual({ warning: null });
    expect(refusal(() => parseForm(schema, { warning: 'eighty' }, { warning: 'Warning %' }))).toBe('Warning %: must be a number');
  });

  it('a rule\'s Warning % takes 80 and stores 0.8, and refuses 0.8 naming the field', () => {
    expect(parseRule({})).toMatchObject({ warning: 0.8, critical: 0.9, forSeconds: 60, hysteresis: 0.05, label: null });
    expect(refusal(() => parseRule({ warning: '0.8' }))).toBe('Warning %: must be between 1 and 100');
    expect(refusal(() => parseRule({ critical: '150' }))).toBe('Critical %: must be between 1 and 100');
    expect(refusal(() => parseRule({ warning: '95' }))).toBe('Critical %: must be at or above the warning level');
    expect(refusal(() => parseRule({ warning: '', critical: '' }))).toBe('Critical %: set a warning or a critical level');
    expect(refusal(() => parseRule({ name: ' ', hysteresis: '80', forSeconds: '1.5' })))
      .toBe('Name: required; For (s): must be whole seconds; Hysteresis points: must be at most 50');
    expect(refusal(() => parseRule({ label: 'not a label!' }))).toMatch(/^Hosts with label: a label is "name" or "name=value"/);
  });

  it('a time-to-exhaustion rule takes seconds left, critical the sooner', () => {
    expect(parseRule({ dimension: 'exhaustion', warning: '3600', critical: '900' })).toMatchObject({ warning: 3600, critical: 900 });
    expect(refusal(() => parseRule({ dimension: 'exhaustion', warning: '900', critical: '3600' }))).toBe('Critical (s left): must be no more seconds than the warning level');
    expect(parseRule({ dimension: 'silent', warning: '', critical: '1' })).toMatchObject({ warning: null, critical: 1 });
  });

  it('the fleet status levels read in percent', () => {
    expect(parseForm(thresholdsForm, { warning: '80', critical: '90', silentAfterIntervals: '3' }, thresholdLabels)).toEqual({ warning: 0.8, critical: 0.9, silentAfterIntervals: 3 });
    expect(refusal(() => parseForm(thresholdsForm, { warning: '0.8', critical: '90', silentAfterIntervals: '3' }, thresholdLabels)))
      .toBe('Warning at (% of a limit): must be between 1 and 99.9');
    expect(refusal(() => parseForm(thresholdsForm, { warning: '90', critical: '80', silentAfterIntervals: '1' }, thresholdLabels)))
      .toBe('Silent after (missed intervals): must be at least 2; Critical at (%): must be above the warning level');
  });
});
