// Legacy (experimentalDecorators) decorators, as Angular, NestJS and TypeORM code uses them.

/** Registry of rule classes by name, filled by @rule when each class is declared. */
export const registry = new Map<string, new () => { apply(cents: number, line: { category: string; quantity: number }): number }>();

export function rule(name: string) {
  return function <T extends new () => { apply(cents: number, line: { category: string; quantity: number }): number }>(target: T): T {
    registry.set(name, target);
    return target;
  };
}

/** Caches a one-argument method's results per instance. */
export function memoize(_target: object, key: string, descriptor: PropertyDescriptor): PropertyDescriptor {
  const original = descriptor.value as (arg: unknown) => unknown;
  const caches = new WeakMap<object, Map<unknown, unknown>>();
  descriptor.value = function (this: object, arg: unknown) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    if (!cache.has(arg)) cache.set(arg, original.call(this, arg));
    return cache.get(arg);
  };
  Object.defineProperty(descriptor.value, 'name', { value: key });
  return descriptor;
}
