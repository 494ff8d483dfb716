import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type ISource } from './models';

/** Sources (LDAP, OAuth, SAML, …) that live outside this app, of any source model. */
export class Source {
  /** The source with this slug, whatever its kind. */
  public static fromSlug(slug: string): ISource {
    return new LookupReference(Model.BASE_SOURCE, { slug });
  }

  private constructor() {}
}
