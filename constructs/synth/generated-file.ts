import { Construct, type IConstruct } from 'constructs';

const FILE_SYMBOL = Symbol.for('blumeops-authentik.GeneratedFile');

/** Props for `GeneratedFile`. */
export interface GeneratedFileProps {
  /** File name inside the construct's output folder, e.g. `zot.json`. */
  readonly fileName: string;
  /** Produces the content at synth time, once the whole app is declared. */
  readonly content: () => string;
  /**
   * Construct path of the declaration the file is written for, for messages.
   * @default - none
   */
  readonly writtenFor?: string;
}

/**
 * A file of the output that is not a Kubernetes object (e.g. the JSON an Ansible role reads),
 * written by the synth beside the manifests, into the output folder of its scope.
 */
export class GeneratedFile extends Construct {
  /** Whether `x` is a generated file. */
  public static isGeneratedFile(x: unknown): x is GeneratedFile {
    return x !== null && typeof x === 'object' && FILE_SYMBOL in x;
  }

  /** The file name inside its folder. */
  public readonly fileName: string;
  /** Construct path of the declaration the file is written for. */
  public readonly writtenFor?: string;
  private readonly produce: () => string;

  constructor(scope: IConstruct, id: string, props: GeneratedFileProps) {
    super(scope as Construct, id);
    Object.defineProperty(this, FILE_SYMBOL, { value: true });
    this.fileName = props.fileName;
    this.writtenFor = props.writtenFor;
    this.produce = props.content;
  }

  /** The file's content. */
  public render(): string {
    return this.produce();
  }
}
