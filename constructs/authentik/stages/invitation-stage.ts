import type { InvitationStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `InvitationStage`. */
export interface InvitationStageProps extends BlueprintEntryOptions, Attributes<Omit<InvitationStageRequest, 'name'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
}

const MODEL = Model.INVITATION_STAGE;
const SPEC = registerTypedEntry(MODEL, 'InvitationStage', { orderRank: 28 });

/**
 * An `authentik_stages_invitation.invitationstage`: continues only with a valid invitation (see `Invitation`), whose
 * fixed data it puts in the flow.
 */
export class InvitationStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: InvitationStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
