// normalisePeople: sightings → people. One person per address (its display names over time kept
// as variants); sightings without an address join the one person whose name (or address local
// part, as overviews show "john.hubbard") matches, and only when exactly one does.
import { normaliseName } from './names.js';
import { resolveSender } from './sender.js';
import type { PeopleResult, Person, PersonSighting, SenderIdentity } from './types.js';

export function normalisePeople(sightings: PersonSighting[]): PeopleResult {
  const list = Array.isArray(sightings) ? sightings : [];
  const problems: string[] = [];
  const people: Person[] = [];
  const byEmail = new Map<string, number>();
  const senders: SenderIdentity[] = list.map((s) => resolveSender(s ?? { name: null, email: null }));
  const personOf: number[] = new Array(list.length).fill(-1);

  const newPerson = (email: string | null): number => {
    people.push({ index: people.length, email, name: null, names: [], firstSeen: null, lastSeen: null, sightings: 0 });
    return people.length - 1;
  };

  // Pass 1: everyone with an address.
  senders.forEach((sender, i) => {
    if (!sender.email) return;
    const n = byEmail.get(sender.email) ?? newPerson(sender.email);
    byEmail.set(sender.email, n);
    see(people[n], sender.name, list[i]?.date ?? null);
    personOf[i] = n;
  });

  // Pass 2: names without an address, matched where unambiguous.
  const byName = new Map<string, Set<number>>();
  const index = (key: string, n: number) => {
    if (!key) return;
    const set = byName.get(key) ?? new Set<number>();
    set.add(n);
    byName.set(key, set);
  };
  const byLocalPart = new Map<string, Set<number>>();
  for (const person of people) {
    for (const name of person.names) index(normaliseName(name), person.index);
    const local = person.email!.split('@')[0];
    byLocalPart.set(local, (byLocalPart.get(local) ?? new Set<number>()).add(person.index));
  }
  const nameOnly = new Map<string, number>();
  senders.forEach((sender, i) => {
    if (sender.email) return;
    if (!sender.name) {
      problems.push(`sighting #${i}: neither a usable address nor a name`);
      return;
    }
    const key = normaliseName(sender.name);
    // Overviews show an address's local part when the sender gave no name ("john.hubbard").
    const local = /^[^\s@]+$/.test(sender.name) ? byLocalPart.get(sender.name.toLowerCase()) : undefined;
    const matches = local?.size === 1 ? local : byName.get(key);
    let n: number;
    if (matches && matches.size === 1) n = [...matches][0];
    else {
      if (matches && matches.size > 1) {
        problems.push(`"${sender.name}" matches ${matches.size} addresses (${[...matches].map((m) => people[m].email).join(', ')}); kept apart`);
      }
      n = nameOnly.get(key) ?? newPerson(null);
      nameOnly.set(key, n);
    }
    see(people[n], sender.name, list[i]?.date ?? null);
    personOf[i] = n;
  });
  return { people, personOf, senders, problems };
}

function see(person: Person, name: string | null, date: string | null): void {
  person.sightings++;
  if (date && (!person.firstSeen || date < person.firstSeen)) person.firstSeen = date;
  const latest = date !== null && (!person.lastSeen || date >= person.lastSeen);
  if (date && latest) person.lastSeen = date;
  if (!name) return;
  if (!person.names.includes(name)) person.names.push(name);
  // The most recent name wins; undated sightings only fill a gap.
  if (latest || person.name === null) person.name = name;
}
