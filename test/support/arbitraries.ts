import fc from 'fast-check';

/** Plain decimal strings of money, from tiny to huge, with 0 to 4 decimals (and a few more). */
export const moneyString = (options: { negative?: boolean } = {}): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.oneof(
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
      ),
      fc.oneof(fc.constantFrom(0, 2, 2, 4), fc.integer({ min: 0, max: 12 })),
      options.negative === true ? fc.boolean() : fc.constant(false),
    )
    .map(([unscaled, scale, negative]) => {
      const digits = unscaled.toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return negative ? `-${text}` : text;
    });
