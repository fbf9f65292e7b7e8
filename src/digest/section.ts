import type { Block } from '../chat/model';
import type { Store } from '../store/port';

/** What one part of the programme contributes to a compliance lead's digest. */
export interface DigestSection {
  /** Stable id, e.g. `access-reviews`, `backups`, `suppliers`, `questions`. */
  id: string;
  title: string;
  /** One line for the notification preview and the terminal. */
  headline: string;
  /** How many things need attention (0 = all good); sections with attention come first. */
  attention: number;
  /** The body in the neutral chat model: short lines, a button to the details where there is one. */
  blocks: Block[];
}

/** Computes one section at `now`, looking back to `since` (the previous digest) for "new" things. */
export type SectionProvider = (store: Store, window: { now: Date; since: Date }) => Promise<DigestSection | null>;
