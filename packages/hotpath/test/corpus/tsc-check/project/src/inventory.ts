export interface Item {
  sku: string;
  name: string;
  quantity: number;
  price: number;
  tags: readonly string[];
}

export type Event =
  | { kind: 'received'; sku: string; quantity: number }
  | { kind: 'sold'; sku: string; quantity: number; price: number }
  | { kind: 'retired'; sku: string };

export class Inventory {
  private readonly items = new Map<string, Item>();

  add(item: Item): void {
    this.items.set(item.sku, { ...item });
  }

  apply(event: Event): Item | undefined {
    const item = this.items.get(event.sku);
    if (!item) return undefined;
    switch (event.kind) {
      case 'received':
        item.quantity += event.quantity;
        return item;
      case 'sold':
        item.quantity -= event.quantity;
        return item;
      case 'retired':
        this.items.delete(event.sku);
        return undefined;
    }
  }

  valuation(): number {
    let total = 0;
    for (const item of this.items.values()) total += item.quantity * item.price;
    return total;
  }

  byTag<T extends string>(tag: T): Item[] {
    return [...this.items.values()].filter((item) => item.tags.includes(tag));
  }
}
