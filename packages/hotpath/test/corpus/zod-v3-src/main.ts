// zod 3's API run from the TypeScript sources the zod package ships (node_modules/zod/src/v3:
// enums, namespaces with values, `.js` imports of `.ts` files): a config loader that parses
// and transforms 8,000 service definitions, good and bad.
import { z } from '../../../../../node_modules/zod/src/v3/index.js';

const Port = z.number().int().min(1).max(65535);

const Service = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  image: z.string().includes(':'),
  replicas: z.number().int().nonnegative().default(1),
  ports: z.array(z.object({ container: Port, host: Port.optional() })).max(4),
  env: z.record(z.string(), z.string()),
  restart: z.enum(['always', 'on-failure', 'never']),
  health: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('http'), path: z.string().startsWith('/'), interval: z.number().positive() }),
    z.object({ kind: z.literal('tcp'), port: Port }),
  ]).optional(),
}).transform((s) => ({ ...s, exposed: s.ports.filter((p) => p.host !== undefined).length }));

type ServiceInput = z.input<typeof Service>;

function definition(i: number): ServiceInput {
  const bad = i % 5 === 0;
  return {
    name: bad ? `Svc_${i}` : `svc-${i}`,
    image: `registry.local/app${i % 17}:${1 + (i % 9)}`,
    replicas: i % 3,
    ports: Array.from({ length: i % 4 }, (_, k) => ({ container: 8000 + k, host: k % 2 ? 9000 + k : undefined })),
    env: { MODE: i % 2 ? 'prod' : 'dev', INDEX: String(i) },
    restart: (['always', 'on-failure', 'never'] as const)[i % 3],
    health: i % 7 === 0 ? { kind: 'tcp', port: bad ? 70000 : 8000 } : { kind: 'http', path: '/healthz', interval: 1 + (i % 5) },
  };
}

function loadAll(count: number): { exposed: number; errors: Map<string, number> } {
  const errors = new Map<string, number>();
  let exposed = 0;
  for (let i = 0; i < count; i++) {
    const parsed = Service.safeParse(definition(i));
    if (parsed.success) {
      exposed += parsed.data.exposed;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const key = `${issue.code} ${issue.path.join('.')}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  return { exposed, errors };
}

const { exposed, errors } = loadAll(8000);
console.log(`${exposed} exposed ports`);
for (const [key, n] of [...errors].sort()) console.log(`${key}: ${n}`);
