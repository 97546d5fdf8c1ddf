import { z } from 'zod';
import { policyLockSpecificationVersion } from './policy-lock.js';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export const policyLockSchema = z.strictObject({
  specificationVersion: z.literal(policyLockSpecificationVersion),
  sha256: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 lowercase hex digits'),
  approvedBy: z.string().refine((value) => value.trim() !== '' && !/[\r\n]/.test(value), 'expected the approver\'s name or email, on one line'),
  approvedAt: z.string().refine((value) => isoUtc.test(value) && !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 UTC time such as "2026-11-21T09:30:00Z"'),
});
