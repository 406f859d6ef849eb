// zod required from CommonJS: `require('zod')` loads its `require` entry, index.cjs. Parses
// a batch of API payloads, good and bad, and counts the issues by code and path.
'use strict';
const { z } = require('zod');

const Address = z.object({
  street: z.string().min(1),
  city: z.string().min(1),
  zip: z.string().regex(/^\d{5}$/),
});

const Customer = z.object({
  id: z.string().uuid(),
  email: z.string().email(),
  age: z.number().int().min(18).max(130),
  addresses: z.array(Address).min(1),
  plan: z.enum(['free', 'pro', 'team']),
  createdAt: z.coerce.date(),
  tags: z.array(z.string()).max(5).default([]),
});

function payload(i) {
  const hex = (n) => n.toString(16).padStart(8, '0');
  const good = i % 4 !== 0;
  return {
    id: `${hex(i)}-0000-4000-8000-${hex(i * 31)}0000`,
    email: good ? `user${i}@example.com` : `user${i}-at-example.com`,
    age: good ? 18 + (i % 60) : 12,
    addresses: [{ street: `${i} Main St`, city: 'Springfield', zip: good ? String(10000 + (i % 89999)) : 'ABCDE' }],
    plan: ['free', 'pro', 'team'][i % 3],
    createdAt: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
    tags: i % 5 === 0 ? ['a', 'b', 'c', 'd', 'e', 'f'] : ['a'],
  };
}

function validateBatch(count) {
  const issues = new Map();
  let valid = 0;
  for (let i = 0; i < count; i++) {
    const result = Customer.safeParse(payload(i));
    if (result.success) {
      valid++;
      continue;
    }
    for (const issue of result.error.issues) {
      const key = `${issue.code} ${issue.path.join('.')}`;
      issues.set(key, (issues.get(key) ?? 0) + 1);
    }
  }
  return { valid, issues };
}

const { valid, issues } = validateBatch(15000);
console.log(`valid ${valid} of 15000`);
for (const [key, n] of [...issues].sort()) console.log(`${key}: ${n}`);
