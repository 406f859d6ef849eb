import { rule } from './decorators';

@rule('bulk')
export class BulkDiscount {
  apply(cents: number, line: { quantity: number }): number {
    return line.quantity >= 10 ? Math.round(cents * 0.92) : cents;
  }
}

@rule('books-vat')
export class BooksVat {
  apply(cents: number, line: { category: string }): number {
    return line.category === 'books' ? Math.round(cents * 1.05) : Math.round(cents * 1.2);
  }
}
