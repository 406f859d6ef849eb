// Prices 30,000 carts through a rule engine: enums, a parameter-property constructor, legacy
// decorators (@rule on classes, @memoize on a method) and `@app/*` imports through tsconfig
// `paths`; lodash groups the results.
import { groupBy, sumBy } from 'lodash';
import { Currency, Tier, type Cart } from '@app/model/types';
import { PricingEngine } from '@app/pricing/engine';

function makeCarts(count: number): Cart[] {
  const currencies = [Currency.EUR, Currency.USD, Currency.GBP];
  const categories = ['food', 'tools', 'books'] as const;
  return Array.from({ length: count }, (_, id) => ({
    id,
    tier: (id % 3) as Tier,
    currency: currencies[id % 3]!,
    lines: Array.from({ length: 1 + (id % 6) }, (_, k) => ({
      sku: `sku-${(id + k) % 101}`,
      quantity: 1 + ((id * 7 + k) % 14),
      unitCents: 199 + ((id * 31 + k * 17) % 5000),
      category: categories[(id + k) % 3]!,
    })),
  }));
}

const engine = new PricingEngine(['bulk', 'books-vat']);
const priced = makeCarts(30000).map((cart) => ({ cart, cents: engine.priceCart(cart) }));
const byTier = groupBy(priced, (p) => Tier[p.cart.tier]);
for (const tier of Object.keys(byTier).sort()) {
  console.log(`${tier}: ${byTier[tier]!.length} carts, ${(sumBy(byTier[tier], 'cents') / 100).toFixed(2)} ${engine.base}`);
}
