/* The device's IndexedDB: the outbox of queued stops, the log of sent ones, the stock of
   receipt slots and the drafts. Stores are only ever added, never dropped or renamed, so no
   later version of the app can lose a queued stop. */
const DB_NAME = "stopform";
const DB_VERSION = 1;
const STORES = { outbox: "id", sent: "id", slots: "receipt_token", drafts: "officer" };
let opening = null;
let draftsClosed = false;

/** From now on (a logout under way) drafts are no longer saved: a save the form still had pending
    must not bring back the draft the logout removes. */
export function closeDrafts() { draftsClosed = true; }

/** The open database (one connection per page). */
export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        for (const [name, keyPath] of Object.entries(STORES)) {
          if (!request.result.objectStoreNames.contains(name)) { request.result.createObjectStore(name, { keyPath }); }
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opening;
}

/** The result of an IndexedDB request, as a promise. */
export function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Run `work({store: objectStore})` in one transaction; resolves with its value once committed. */
export async function transact(names, mode, work) {
  const tx = (await open()).transaction(names, mode);
  const committed = new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });
  let value;
  try {
    value = await work(Object.fromEntries(names.map((name) => [name, tx.objectStore(name)])));
  } catch (error) {
    committed.catch(() => {});  // the work's error is the one to report
    try { tx.abort(); } catch (finished) { /* already aborted by the failed request */ }
    throw error;
  }
  await committed;
  return value;
}

export const all = (name) => transact([name], "readonly", (s) => result(s[name].getAll()));
export const get = (name, key) => transact([name], "readonly", (s) => result(s[name].get(key)));
export const count = (name) => transact([name], "readonly", (s) => result(s[name].count()));
export const put = (name, value) => (name === "drafts" && draftsClosed ? Promise.resolve()
  : transact([name], "readwrite", (s) => result(s[name].put(value))));
export const remove = (name, key) => transact([name], "readwrite", (s) => result(s[name].delete(key)));
export const clear = (name) => transact([name], "readwrite", (s) => result(s[name].clear()));
