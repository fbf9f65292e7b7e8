import type { MutableCollection } from '../collection';
import type { ConversationRefRecord, Platform } from '../records';

export interface ConversationsRepo {
  save(ref: Omit<ConversationRefRecord, '_id'>): Promise<void>;
  get(platform: Platform, key: string): Promise<ConversationRefRecord | null>;
  byPerson(personId: string): Promise<ConversationRefRecord[]>;
  list(platform: Platform): Promise<ConversationRefRecord[]>;
}

export function conversationsRepo(col: MutableCollection<ConversationRefRecord>): ConversationsRepo {
  return {
    save: (ref) => col.put({ ...ref, _id: `${ref.platform}:${ref.key}` }),
    get: (platform, key) => col.findOne({ _id: `${platform}:${key}` }),
    byPerson: (personId) => col.find({ personId }),
    list: (platform) => col.find({ platform }, { sort: { _id: 1 } }),
  };
}
