export enum Currency {
  EUR = 'EUR',
  USD = 'USD',
  GBP = 'GBP',
}

export enum Tier {
  Basic,
  Silver,
  Gold,
}

export interface Line {
  sku: string;
  quantity: number;
  unitCents: number;
  category: 'food' | 'tools' | 'books';
}

export interface Cart {
  id: number;
  tier: Tier;
  currency: Currency;
  lines: Line[];
}
