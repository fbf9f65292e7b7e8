import type { MutableCollection } from '../collection';
import type { ImportedControlRecord, QuestionRecord, VoteRecord } from '../records';

export interface QuestionsRepo {
  record(question: QuestionRecord): Promise<void>;
  since(from: Date): Promise<QuestionRecord[]>;
}

export function questionsRepo(col: MutableCollection<QuestionRecord>): QuestionsRepo {
  return {
    record: (question) => col.insertMany([question]),
    since: (from) => col.find({ askedAt: { $gte: from } }, { sort: { askedAt: 1 } }),
  };
}

export interface ImportedControlsRepo {
  /** Replaces a whole imported catalog with these controls. */
  replaceCatalog(catalog: string, controls: readonly ImportedControlRecord[]): Promise<void>;
  all(): Promise<ImportedControlRecord[]>;
  catalogs(): Promise<string[]>;
}

export function importedControlsRepo(col: MutableCollection<ImportedControlRecord>): ImportedControlsRepo {
  return {
    async replaceCatalog(catalog, controls) {
      await col.deleteMany({ catalog });
      for (let i = 0; i < controls.length; i += 500) await col.insertMany(controls.slice(i, i + 500));
    },
    all: () => col.find({}, { sort: { _id: 1 } }),
    async catalogs() {
      return [...new Set((await col.find({})).map((c) => c.catalog))].sort();
    },
  };
}

export interface VotesRepo {
  /** Records or replaces this person's vote on this answer. */
  record(vote: VoteRecord): Promise<void>;
  since(from: Date, filter?: { helpful?: boolean }): Promise<VoteRecord[]>;
}

export function votesRepo(col: MutableCollection<VoteRecord>): VotesRepo {
  return {
    record: (vote) => col.put(vote),
    since: (from, filter = {}) =>
      col.find(
        { at: { $gte: from }, ...(filter.helpful === undefined ? {} : { helpful: filter.helpful }) },
        { sort: { at: 1 } },
      ),
  };
}
