import { backupDigestSection } from '../workflows/backup-check/digest-section';
import { supplierDigestSection } from '../workflows/supplier-review/digest-section';
import { accessReviewSection } from './access-review-section';
import { questionsSection } from './questions-section';
import type { SectionProvider } from './section';

/** Every section of the digest, in the order they appear when none needs attention. */
export const DIGEST_SECTIONS: SectionProvider[] = [
  accessReviewSection,
  backupDigestSection,
  supplierDigestSection,
  questionsSection,
];
