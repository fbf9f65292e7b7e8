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
}

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
    linkChatId: (personId, chatId) => col.updateOne({ _id: personId }, { $addToSet: { chatIds: chatId } }),
  };
}
