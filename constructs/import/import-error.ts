/** Something the importer cannot translate exactly: it names the file and entry, and says why. */
export class ImportError extends Error {
  /**
   * @param where the file, and the entry (`file: entry 3 (id flow)`)
   * @param reason why, and what to do
   */
  constructor(public readonly where: string, public readonly reason: string) {
    super(`${where}: ${reason}`);
    this.name = 'ImportError';
  }
}

/** A construct choice that does not fit an entry; the importer tries the next one. */
export class DoesNotFit extends Error {}
