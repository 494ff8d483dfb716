import { Construct, type IConstruct } from 'constructs';
import { ValidationError } from './render-app';

const DERIVED_SYMBOL = Symbol.for('blumeops-authentik.DerivedFile');

/**
 * A file of the output that is not a Kubernetes manifest and is computed from the manifests once they
 * are rendered (e.g. the access map, read from the blueprints as authentik would hold them). The
 * synth writes it beside the manifests, at the root of the output, like any other file.
 */
export abstract class DerivedFile extends Construct {
  /** Whether `x` is a derived file. */
  public static isDerivedFile(x: unknown): x is DerivedFile {
    return x !== null && typeof x === 'object' && DERIVED_SYMBOL in x;
  }

  /** Path of the file in the output, e.g. `ACCESS.md`. */
  public readonly fileName: string;

  protected constructor(scope: Construct, id: string, fileName: string) {
    super(scope, id);
    Object.defineProperty(this, DERIVED_SYMBOL, { value: true });
    this.fileName = fileName;
    this.node.addValidation({
      validate: () => (/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(fileName) && !/\.ya?ml$/.test(fileName) ? []
        : [`${this.node.path}: fileName ${JSON.stringify(fileName)} must be a relative path of plain names that is not a .yaml file `
          + '(manifests are written by their objects), e.g. "ACCESS.md"']),
    });
  }

  /** The file's text, from the rendered manifests (path → text). */
  public abstract render(manifests: ReadonlyMap<string, string>): string;
}

/**
 * `manifests` plus the text of every derived file among `constructs`, sorted by path; `manifests`
 * itself when there is none, so an app without derived files writes exactly what it wrote before.
 * @throws ValidationError when a derived file would overwrite another file
 */
export function withDerivedFiles(constructs: readonly IConstruct[], manifests: Map<string, string>): Map<string, string> {
  const derived = constructs.filter((c): c is DerivedFile => DerivedFile.isDerivedFile(c));
  if (derived.length === 0) return manifests;
  const files = new Map(manifests);
  for (const file of derived) {
    if (files.has(file.fileName)) throw new ValidationError([`${file.node.path}: writes ${file.fileName}, which another object already writes; rename one`]);
    // every derived file reads the manifests only, never another derived file, so order does not matter
    files.set(file.fileName, file.render(manifests));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
