import { isFiveFieldCron, maxCronIntervalMinutes } from './cron-interval';

describe('maxCronIntervalMinutes (cron-parser, UTC)', () => {
  it.each([
    ['0 */6 * * *', 360],
    ['0 2 * * *', 1440],
    ['*/30 * * * *', 30],
    ['*/3 * * * 1-5', 2 * 1440 + 3],
    ['0 0 * * 1-5', 3 * 1440],
    ['0 0 1 * *', 31 * 1440],
    ['0 1,2 * * *', 23 * 60],
  ])('%s runs at most %d minutes apart', (cron, minutes) => {
    expect(maxCronIntervalMinutes(cron)).toBe(minutes);
  });

  it('reads the 6-field form with seconds first (CloudNativePG ScheduledBackup)', () => {
    expect(maxCronIntervalMinutes('0 0 */4 * * *')).toBe(240);
  });

  it('gives Infinity for a schedule that runs once in the scan and throws on garbage', () => {
    expect(maxCronIntervalMinutes('0 0 29 2 *')).toBe(Number.POSITIVE_INFINITY);
    expect(() => maxCronIntervalMinutes('every day')).toThrow(/cron expression "every day" is invalid/);
  });

  it('accepts only 5-field expressions cron-parser can parse', () => {
    expect(isFiveFieldCron('0 */6 * * *')).toBe(true);
    expect(isFiveFieldCron('0 24 * * *')).toBe(false);
    expect(isFiveFieldCron('0 0 0 * * *')).toBe(false);
  });
});
