import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const notTodo = text.refine((s) => !/^TODO\b/.test(s), 'is still TODO');

export const controlIdPattern = /^(CLD\.)?\d{1,2}\.\d{1,2}\.\d{1,2}$/;

export const controlSchema = z.strictObject({
  id: z.string().regex(controlIdPattern, 'id must look like 9.2.5 or CLD.9.5.1'),
  title: text,
  objective: z.string().regex(/^(CLD\.)?\d{1,2}\.\d{1,2}$/, 'objective must look like 9.2 or CLD.9.5'),
  cloudControl: z.boolean(),
  cloudGuidance: z.enum(['both', 'csc_only', 'csp_only', 'at_least_csc', 'at_least_csp', 'none', 'unknown']),
  iso27002_2022: z.array(z.string().regex(/^[5-8]\.\d{1,2}$/, 'a 2022 id looks like 8.13')),
  summary: notTodo,
  customer: notTodo,
  provider: notTodo,
  evidence: z.array(notTodo).min(3, 'evidence needs 3 to 6 items').max(6, 'evidence needs 3 to 6 items'),
  keywords: z.array(notTodo).min(3, 'keywords needs at least 3 words people use'),
});

export const clauseFileSchema = z.strictObject({
  clause: z.string().regex(/^\d{1,2}$/, 'clause must be a number such as "9"'),
  title: text,
  objectives: z.array(z.strictObject({ id: z.string(), title: text })).min(1),
  controls: z.array(z.unknown()).min(1),
});
