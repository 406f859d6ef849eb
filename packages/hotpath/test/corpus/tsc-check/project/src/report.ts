import { Inventory, type Event, type Item } from './inventory.js';

type Column<T> = { [K in keyof T]: { key: K; width: number; format: (value: T[K]) => string } }[keyof T];

const columns: Column<Item>[] = [
  { key: 'sku', width: 8, format: (sku) => sku },
  { key: 'quantity', width: 6, format: (q) => q.toFixed(0) },
  { key: 'price', width: 8, format: (p) => p.toFixed(2) },
];

export function renderRow(item: Item): string {
  return columns.map((column) => String(column.format(item[column.key] as never)).padStart(column.width)).join(' ');
}

export function replay(inventory: Inventory, events: readonly Event[]): number {
  let touched = 0;
  for (const event of events) if (inventory.apply(event)) touched++;
  return touched;
}

// The deliberate error: a quantity is a number.
export const initialQuantity: number = '12';
