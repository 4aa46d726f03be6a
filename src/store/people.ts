// People: one row per address; people known only by name (overviews, flat pages) share a
// row with the person of that name when exactly one is known.
import type { DB } from './open.js';

export function createPeople(db: DB) {
  const byEmail = db.prepare('SELECT id, name FROM people WHERE email = ?');
  const byName = db.prepare('SELECT DISTINCT person FROM person_names WHERE name = ? COLLATE NOCASE LIMIT 2');
  const insert = db.prepare('INSERT INTO people(email, name) VALUES (?, ?)');
  const rename = db.prepare('UPDATE people SET name = ? WHERE id = ?');
  const addName = db.prepare('INSERT OR IGNORE INTO person_names(person, name) VALUES (?, ?)');

  /** The person for an address and/or name, created when new; null when both are missing. */
  return function personId(name: string | null, email: string | null): number | null {
    const cleanName = name?.replace(/^"|"$/g, '').trim() || null;
    const cleanEmail = email?.trim().toLowerCase() || null;
    if (!cleanName && !cleanEmail) return null;
    let id: number | null = null;
    if (cleanEmail) {
      const row = byEmail.get(cleanEmail) as { id: number; name: string | null } | undefined;
      if (row) {
        id = row.id;
        if (cleanName && row.name !== cleanName) rename.run(cleanName, id);
      } else {
        id = Number(insert.run(cleanEmail, cleanName).lastInsertRowid);
      }
    } else if (cleanName) {
      const rows = byName.all(cleanName) as Array<{ person: number }>;
      id = rows.length === 1 ? rows[0]!.person : Number(insert.run(null, cleanName).lastInsertRowid);
    }
    if (id !== null && cleanName) addName.run(id, cleanName);
    return id;
  };
}
