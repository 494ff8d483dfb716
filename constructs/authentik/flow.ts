import type { FlowRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { Model, type IFlow } from './models';
import type { Attributes } from './model-schema';
import type { FlowReleaseProps } from './release-props';

/** Props for `Flow`. */
export interface FlowProps extends BlueprintEntryOptions, FlowReleaseProps, Attributes<Omit<FlowRequest, 'slug' | 'name' | 'title' | 'designation' | 'authentication'>> {
  /** URL slug, the identifier. */
  readonly slug: string;
  /**
   * Name shown in the admin interface (required when the flow is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly name?: FlowRequest['name'] | Tag;
  /**
   * Title shown to users (required when the flow is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly title?: FlowRequest['title'] | Tag;
  /**
   * What the flow is for: `authentication`, `authorization`, `enrollment`, … (required when created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly designation?: FlowRequest['designation'] | Tag;
}


const SPEC = registerTypedEntry(Model.FLOW, 'Flow', { orderRank: 35 });

/** An `authentik_flows.flow`. Stages are bound to it with `FlowStageBinding`, policies with `PolicyBinding`. */
export class Flow extends AuthentikEntry implements IFlow {
  /** The flow with this slug, e.g. `default-provider-invalidation-flow`. */
  public static fromSlug(slug: string): IFlow {
    return new LookupReference(Model.FLOW, { slug });
  }

  declare public readonly model: typeof Model.FLOW;
  /** URL slug. */
  public readonly slug: string;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id, Model.FLOW, props, SPEC);
    this.slug = props?.slug;
  }
}
