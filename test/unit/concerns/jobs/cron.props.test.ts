import { checkCron } from '../../../../lib/concerns/jobs/cron.props';

describe('checkCron', () => {
  test.each(['0 0 ? * *', '0 0 * * ?', '*/15 * * * *', '0 3 * * *', '0 0 1 jan,jul *', '30 2 * * mon-fri', '0 */6 1-15 * 0', '@daily', '@hourly'])(
    'accepts %p',
    (s) => {
      expect(checkCron(s)).toBeUndefined();
    },
  );

  test.each([
    ['* * * *', /has 4 fields/],
    ['* * * * * *', /has 6 fields/],
    ['60 * * * *', /60 in field 1 is out of range 0-59/],
    ['* 24 * * *', /24 in field 2 is out of range 0-23/],
    ['* * 0 * *', /0 in field 3 is out of range 1-31/],
    ['*/x * * * *', /step 'x' in field 1 is not a positive number/],
    ['*/0 * * * *', /step '0' in field 1 is not a positive number/],
    ['5-1 * * * *', /range '5-1' in field 1 starts after it ends/],
    ['a * * * *', /'a' in field 1 is not a number/],
    ['@sometimes', /has 1 fields/],
  ])('fails when the schedule is %p', (s, message) => {
    expect(checkCron(s)).toMatch(message);
  });
});
