import { readPeople } from '../connectors/directory';
import type { ProblemSink } from '../connectors/read-source';
import type { Store } from '../store/port';
import type { PersonRecord } from '../store/records';

/**
 * Syncs an HR directory export into the store (as an access review does when it starts), so the
 * owners a workflow tells are known and linked to chat. Chat links are kept; nobody is removed.
 */
export async function syncDirectoryFile(store: Store, file: string, problems: ProblemSink, now: Date) {
  const people: Omit<PersonRecord, 'chatIds'>[] = [];
  for await (const p of readPeople(file, problems)) {
    people.push({
      _id: p.id,
      email: p.email,
      name: p.name,
      managerId: p.manager,
      department: p.department,
      status: p.status,
      roles: p.roles,
      updatedAt: now,
    });
  }
  return store.people.sync(people);
}
