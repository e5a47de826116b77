// The auth cache's admitted devices (id → key hash), kept where the garbage
// collector does not look. A Map of a million id and hash strings is two
// million objects in V8's old generation: measured standalone, 573 MB of heap
// and 640–900 ms for each full collection, and in the portal a p99 that
// missed its target at 1,000,000 devices (bench/hub-auth.bench.ts). Here a
// device is 48 bytes in one buffer (its UUID's 16 bytes and its HMAC's 32)
// and a slot of an Int32Array index: about 60 MB at a million, none of it
// objects to trace.
//
// Ids the portal makes are lowercase UUIDs and hashes are base64url HMACs
// (lib/server/secrets.ts); anything else (an id or hash of another shape)
// is kept in a small Map beside, so every string is kept exactly.

const ID_BYTES = 16;
const HASH_BYTES = 32;
const ENTRY_BYTES = ID_BYTES + HASH_BYTES;
const EMPTY = -1;
const DELETED = -2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// 32 bytes in base64url, unpadded: the last character carries 4 bits and two
// zero bits, so only these 16 read back as themselves.
const HASH = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** A lowercase hex digit's value (the id matched UUID). */
const nibble = (code: number) => (code <= 57 ? code - 48 : code - 87);

/** A map from device id to key hash, compact for UUIDs and base64url hashes of 32 bytes. */
export class AdmittedDevices {
  /** Entries packed one after another: id bytes, hash bytes. */
  private entries = Buffer.alloc(ENTRY_BYTES * 1_024);
  private count = 0;
  /** Open addressing, linear probing: each slot an entry's number, EMPTY or DELETED. */
  private index = new Int32Array(2_048).fill(EMPTY);
  private deleted = 0;
  private readonly others = new Map<string, string>();
  /** The id (and hash) asked about, as bytes. */
  private readonly scratch = Buffer.alloc(ENTRY_BYTES);

  get size(): number {
    return this.count + this.others.size;
  }

  get(id: string): string | undefined {
    if (!this.encodeId(id)) return this.others.get(id);
    const slot = this.find(this.scratch, 0);
    // A UUID whose hash had another shape is kept beside.
    if (slot < 0) return this.others.size > 0 ? this.others.get(id) : undefined;
    const start = this.index[slot]! * ENTRY_BYTES + ID_BYTES;
    return this.entries.toString("base64url", start, start + HASH_BYTES);
  }

  set(id: string, accessKeyHash: string): void {
    if (!this.encodeId(id)) {
      this.others.set(id, accessKeyHash);
      return;
    }
    if (!this.encodeHash(accessKeyHash)) {
      this.delete(id);
      this.others.set(id, accessKeyHash);
      return;
    }
    this.others.delete(id);
    const found = this.find(this.scratch, 0);
    if (found >= 0) {
      this.scratch.copy(this.entries, this.index[found]! * ENTRY_BYTES + ID_BYTES, ID_BYTES, ENTRY_BYTES);
      return;
    }
    this.reserve();
    this.scratch.copy(this.entries, this.count * ENTRY_BYTES);
    this.place(this.count, this.entries, this.count * ENTRY_BYTES);
    this.count++;
  }

  delete(id: string): void {
    if (!this.encodeId(id)) {
      this.others.delete(id);
      return;
    }
    this.others.delete(id);
    const slot = this.find(this.scratch, 0);
    if (slot < 0) return;
    const entry = this.index[slot]!;
    this.index[slot] = DELETED;
    this.deleted++;
    // The last entry moves into the hole, so entries stay packed.
    const last = --this.count;
    if (entry === last) return;
    this.entries.copy(this.entries, entry * ENTRY_BYTES, last * ENTRY_BYTES, (last + 1) * ENTRY_BYTES);
    this.index[this.find(this.entries, entry * ENTRY_BYTES)] = entry;
  }

  /** The id into scratch's first 16 bytes; false when it is not a lowercase UUID. */
  private encodeId(id: string): boolean {
    if (id.length !== 36 || !UUID.test(id)) return false;
    // By hand: a slice or replace per call would be garbage on the hot path.
    for (let char = 0, byte = 0; byte < ID_BYTES; byte++) {
      if (char === 8 || char === 13 || char === 18 || char === 23) char++;
      this.scratch[byte] = (nibble(id.charCodeAt(char)) << 4) | nibble(id.charCodeAt(char + 1));
      char += 2;
    }
    return true;
  }

  /** The hash into scratch's last 32 bytes; false when it would not read back as the same string. */
  private encodeHash(hash: string): boolean {
    if (hash.length !== 43 || !HASH.test(hash)) return false;
    this.scratch.write(hash, ID_BYTES, HASH_BYTES, "base64url");
    return true;
  }

  private slotOf(bytes: Buffer, offset: number): number {
    // UUIDs' bytes are random (v4) or random after a timestamp (v7): mix both ends.
    let h = bytes.readUInt32LE(offset) ^ bytes.readUInt32LE(offset + 12);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    return (h ^ (h >>> 16)) & (this.index.length - 1);
  }

  /** The index slot holding the id at bytes[offset…], or -1. */
  private find(bytes: Buffer, offset: number): number {
    const mask = this.index.length - 1;
    for (let slot = this.slotOf(bytes, offset); ; slot = (slot + 1) & mask) {
      const entry = this.index[slot]!;
      if (entry === EMPTY) return -1;
      if (
        entry !== DELETED &&
        bytes.compare(this.entries, entry * ENTRY_BYTES, entry * ENTRY_BYTES + ID_BYTES, offset, offset + ID_BYTES) ===
          0
      ) {
        return slot;
      }
    }
  }

  private place(entry: number, bytes: Buffer, offset: number): void {
    const mask = this.index.length - 1;
    let slot = this.slotOf(bytes, offset);
    while (this.index[slot]! >= 0) slot = (slot + 1) & mask;
    if (this.index[slot] === DELETED) this.deleted--;
    this.index[slot] = entry;
  }

  /** Room for one more entry; the index at most half full (counting deleted slots), rebuilt when not. */
  private reserve(): void {
    if ((this.count + 1) * ENTRY_BYTES > this.entries.length) {
      const grown = Buffer.alloc(this.entries.length * 2);
      this.entries.copy(grown, 0, 0, this.count * ENTRY_BYTES);
      this.entries = grown;
    }
    if ((this.count + this.deleted + 1) * 2 <= this.index.length) return;
    let length = this.index.length;
    while ((this.count + 1) * 2 > length) length *= 2;
    this.index = new Int32Array(length).fill(EMPTY);
    this.deleted = 0;
    for (let entry = 0; entry < this.count; entry++) this.place(entry, this.entries, entry * ENTRY_BYTES);
  }
}
