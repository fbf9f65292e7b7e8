import type { MutableCollection } from '../collection';
import type { PersonRecord } from '../records';

export interface PeopleRepo {
  /** Inserts or replaces a directory entry; emails are stored lower-cased. */
  put(person: PersonRecord): Promise<void>;
  get(id: string): Promise<PersonRecord | null>;
  byEmail(email: string): Promise<PersonRecord | null>;
  byChatId(chatId: string): Promise<PersonRecord | null>;
  list(filter?: { status?: PersonRecord['status']; managerId?: string; role?: string }): Promise<PersonRecord[]>;
  linkChatId(personId: string, chatId: string): Promise<boolean>;
  /** Whether the directory has anyone at all (it is empty until the first sync). */
  isEmpty(): Promise<boolean>;
  /**
   * Brings the directory in line with an HR export: new people inserted in batches, changed ones
   * updated, chat links kept. People missing from the export are left alone (an export that lost a
   * row must not unlink anyone). Returns how many were added and changed.
   */
  sync(people: readonly Omit<PersonRecord, 'chatIds'>[]): Promise<{ added: number; changed: number }>;
}

const DIRECTORY_FIELDS = ['email', 'name', 'managerId', 'department', 'status', 'roles'] as const;
const sameEntry = (a: Omit<PersonRecord, 'chatIds'>, b: PersonRecord) =>
  DIRECTORY_FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));

export function peopleRepo(col: MutableCollection<PersonRecord>): PeopleRepo {
  return {
    put: (person) => col.put({ ...person, email: person.email.toLowerCase() }),
    get: (id) => col.findOne({ _id: id }),
    byEmail: (email) => col.findOne({ email: email.toLowerCase() }),
    byChatId: (chatId) => col.findOne({ chatIds: chatId }),
    list: (filter = {}) => {
      const q: Record<string, unknown> = {};
      if (filter.status) q.status = filter.status;
      if (filter.managerId) q.managerId = filter.managerId;
      if (filter.role) q.roles = filter.role;
      return col.find(q, { sort: { _id: 1 } });
    },
    isEmpty: async () => (await col.findOne({})) === null,
    linkChatId: (personId, chatId) => col.updateOne({ _id: personId }, { $addToSet: { chatIds: chatId } }),
    async sync(people) {
      const existing = new Map((await col.find({})).map((p) => [p._id, p]));
      const fresh: PersonRecord[] = [];
      let changed = 0;
      for (const p of people) {
        const entry = { ...p, email: p.email.toLowerCase() };
        const known = existing.get(p._id);
        if (!known) fresh.push({ ...entry, chatIds: [] });
        else if (!sameEntry(entry, known)) {
          const { _id, ...fields } = entry;
          await col.updateOne({ _id }, { $set: fields });
          changed += 1;
        }
      }
      for (let i = 0; i < fresh.length; i += 1000) await col.insertMany(fresh.slice(i, i + 1000));
      return { added: fresh.length, changed };
    },
  };
}
