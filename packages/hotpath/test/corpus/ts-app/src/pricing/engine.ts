import { Currency, Tier, type Cart, type Line } from '@app/model/types';
import { memoize, registry } from './decorators';
import './rules';

const RATES: Record<Currency, number> = { [Currency.EUR]: 1, [Currency.USD]: 1.08, [Currency.GBP]: 0.86 };

export class PricingEngine {
  private readonly rules: Array<{ apply(cents: number, line: Line): number }>;

  constructor(
    private readonly ruleNames: readonly string[],
    public readonly base: Currency = Currency.EUR,
  ) {
    this.rules = ruleNames.map((name) => new (registry.get(name)!)());
  }

  @memoize
  tierFactor(tier: Tier): number {
    switch (tier) {
      case Tier.Gold:
        return 0.85;
      case Tier.Silver:
        return 0.93;
      default:
        return 1;
    }
  }

  priceLine(line: Line): number {
    let cents = line.unitCents * line.quantity;
    for (const r of this.rules) cents = r.apply(cents, line);
    return cents;
  }

  priceCart(cart: Cart): number {
    let cents = 0;
    for (const line of cart.lines) cents += this.priceLine(line);
    return Math.round(cents * this.tierFactor(cart.tier) * RATES[cart.currency]);
  }
}
