import fc from 'fast-check';
import { expect, test } from 'vitest';
import { churnRate, retentionRate } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

// Generate consistent populations: S previous-period customers, R of them retained, N new ones.
const population = fc
  .tuple(fc.nat(10_000), fc.nat(10_000))
  .chain(([start, fresh]) => fc.tuple(fc.constant(start), fc.nat({ max: start }), fc.constant(fresh)));

test('retention is (E − N) ÷ S in [0, 1], null exactly when S is 0, and 1 − churn', () => {
  fc.assert(
    fc.property(population, ([start, retained, fresh]) => {
      const value = retentionRate({ customersAtStart: start, customersAtEnd: retained + fresh, newCustomers: fresh });
      const churn = churnRate({ customersAtStart: start, customersLost: start - retained });
      if (start === 0) {
        expect(value).toBeNull();
        expect(churn).toBeNull();
      } else {
        expect(value).toBe(retained / start);
        expect(value! + churn!).toBeCloseTo(1, 12);
      }
    }),
  );
});

test('inconsistent populations throw, never a number outside [0, 1]', () => {
  fc.assert(
    fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (start, end, fresh) => {
      const input = { customersAtStart: start, customersAtEnd: end, newCustomers: fresh };
      if (fresh > end) expectKpiError(() => retentionRate(input), 'NEGATIVE_COUNT', 'newCustomers');
      else if (end - fresh > start) expectKpiError(() => retentionRate(input), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'customersAtEnd');
      else expect(retentionRate(input) ?? 0).toBeLessThanOrEqual(1);
    }),
  );
});
