import type { InvitationRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model, type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** An invitation. */
export type IInvitation = IAuthentikObject<typeof Model.INVITATION>;

/** Props for `Invitation`. */
export interface InvitationProps extends BlueprintEntryOptions, Attributes<Omit<InvitationRequest, 'name' | 'flow'>> {
  /** Name (unique among invitations, a slug), the identifier. */
  readonly name: string;
  /**
   * The only flow the invitation can be used in.
   * @default - any flow with an `InvitationStage`
   */
  readonly flow?: IFlow;
}

const SPEC = registerTypedEntry(Model.INVITATION, 'Invitation', {
  orderRank: 45,
});

/**
 * An `authentik_stages_invitation.invitation`: a link that lets someone through an `InvitationStage`,
 * with fixed data (email, name, attributes) put into the enrollment flow.
 *
 * authentik records who created an invitation only through its API (`created_by` is read-only in its
 * serializer, so a blueprint cannot set it); this construct therefore has no such prop.
 */
export class Invitation extends AuthentikEntry implements IInvitation {
  /** The invitation with this name, living outside this app. */
  public static fromName(name: string): IInvitation {
    return new LookupReference(Model.INVITATION, { name });
  }

  declare public readonly model: typeof Model.INVITATION;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: InvitationProps) {
    super(scope, id, Model.INVITATION, props, SPEC);
    this.name = props?.name;
  }
}
