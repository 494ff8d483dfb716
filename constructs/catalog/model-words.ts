/**
 * The words reviewers read for a model, hand-written: the change summary and the access map
 * (`noun`: `OAuth2 provider jellyfin`), the short names of the blueprint reader's descriptions
 * (`short`: `provider Zot`, in the change summary's file notes and the synth's refusals), and the labels
 * of verify's, plan's and the live importer's reports (`report`). A model without a word gets one read
 * from its name (`modelNoun`), or its name.
 */
import { BaseModel, ModelName } from './model-facts';

/** The words for one model; each is optional. */
export interface ModelWords {
  /** The noun of the change summary and the access map, e.g. `OAuth2 provider`. */
  readonly noun?: string;
  /** The short name of the blueprint reader's descriptions, e.g. `provider`. */
  readonly short?: string;
  /** The label of verify's, plan's and the live importer's reports, e.g. `provider`. */
  readonly report?: string;
}

/** The words, by model. */
export const MODEL_WORDS: Readonly<Record<string, ModelWords>> = {
  [ModelName.APPLICATION]: { noun: 'application', short: 'application', report: 'application' },
  [ModelName.GROUP]: { noun: 'group', short: 'group', report: 'group' },
  [ModelName.TOKEN]: { noun: 'token', short: 'token', report: 'token' },
  [ModelName.BRAND]: { noun: 'brand', report: 'brand' },
  [ModelName.CERTIFICATEKEYPAIR]: { noun: 'certificate', short: 'certificate', report: 'certificate' },
  [ModelName.FLOW]: { noun: 'flow', short: 'flow', report: 'flow' },
  [ModelName.OUTPOST]: { noun: 'outpost', report: 'outpost' },
  [ModelName.ROLE]: { noun: 'role', report: 'role' },
  [ModelName.BLUEPRINTINSTANCE]: { noun: 'blueprint instance', report: 'blueprint instance' },
  [ModelName.NOTIFICATIONRULE]: { noun: 'notification rule', report: 'notification rule' },
  [ModelName.NOTIFICATIONTRANSPORT]: { noun: 'notification transport', report: 'notification transport' },
  [ModelName.NOTIFICATIONWEBHOOKMAPPING]: { noun: 'webhook mapping' },
  [ModelName.PROMPT]: { noun: 'prompt', report: 'prompt' },
  [ModelName.INVITATION]: { noun: 'invitation' },
  [ModelName.OAUTH2PROVIDER]: { noun: 'OAuth2 provider', short: 'provider', report: 'provider' },
  [ModelName.SCOPEMAPPING]: { noun: 'scope mapping', short: 'scope mapping', report: 'scope mapping' },
  [ModelName.LDAPPROVIDER]: { noun: 'LDAP provider', report: 'LDAP provider' },
  [ModelName.SAMLPROVIDER]: { noun: 'SAML provider', report: 'SAML provider' },
  [ModelName.SAMLPROPERTYMAPPING]: { noun: 'SAML property mapping', report: 'SAML property mapping' },
  [ModelName.SCIMPROVIDER]: { noun: 'SCIM provider' },
  [ModelName.SCIMMAPPING]: { noun: 'SCIM mapping' },
  [ModelName.RACPROVIDER]: { noun: 'RAC provider', report: 'RAC provider' },
  [ModelName.RADIUSPROVIDER]: { noun: 'RADIUS provider', report: 'RADIUS provider' },
  [ModelName.SSFPROVIDER]: { noun: 'SSF provider' },
  [ModelName.OAUTHSOURCE]: { noun: 'OAuth source', report: 'OAuth source' },
  [ModelName.SAMLSOURCE]: { noun: 'SAML source', report: 'SAML source' },
  [ModelName.LDAPSOURCE]: { noun: 'LDAP source', report: 'LDAP source' },
  [ModelName.SCIMSOURCE]: { noun: 'SCIM source' },
  [ModelName.EXPRESSIONPOLICY]: { noun: 'expression policy', report: 'expression policy' },
  [ModelName.GEOIPPOLICY]: { noun: 'GeoIP policy' },
  [BaseModel.POLICY]: { noun: 'policy' },
  [BaseModel.STAGE]: { noun: 'stage' },
  [BaseModel.PROVIDER]: { noun: 'provider' },
  [BaseModel.PROPERTY_MAPPING]: { noun: 'property mapping' },
  [BaseModel.SOURCE]: { noun: 'source' },
  [ModelName.USER]: { short: 'user', report: 'user' },
  [ModelName.POLICYBINDING]: { short: 'binding', report: 'binding' },
  [ModelName.METAAPPLYBLUEPRINT]: { short: 'blueprint', report: 'blueprint' },
  [ModelName.APPLICATIONENTITLEMENT]: { report: 'entitlement' },
  [ModelName.FLOWSTAGEBINDING]: { report: 'stage binding' },
  [ModelName.PASSWORDPOLICY]: { report: 'password policy' },
  [ModelName.EVENTMATCHERPOLICY]: { report: 'event matcher policy' },
  [ModelName.REPUTATIONPOLICY]: { report: 'reputation policy' },
  [ModelName.DUMMYPOLICY]: { report: 'dummy policy' },
  [ModelName.PROXYPROVIDER]: { report: 'proxy provider' },
  [ModelName.AUTHENTICATORVALIDATESTAGE]: { report: 'stage' },
  [ModelName.AUTHENTICATORTOTPSTAGE]: { report: 'stage' },
  [ModelName.AUTHENTICATORSTATICSTAGE]: { report: 'stage' },
  [ModelName.AUTHENTICATORWEBAUTHNSTAGE]: { report: 'stage' },
  [ModelName.IDENTIFICATIONSTAGE]: { report: 'stage' },
  [ModelName.PASSWORDSTAGE]: { report: 'stage' },
  [ModelName.USERLOGINSTAGE]: { report: 'stage' },
  [ModelName.USERLOGOUTSTAGE]: { report: 'stage' },
  [ModelName.USERWRITESTAGE]: { report: 'stage' },
  [ModelName.CONSENTSTAGE]: { report: 'stage' },
  [ModelName.DENYSTAGE]: { report: 'stage' },
  [ModelName.EMAILSTAGE]: { report: 'stage' },
  [ModelName.PROMPTSTAGE]: { report: 'stage' },
};

/** The noun for objects of `model`: its word, else read from the app label (`authentik_stages_user_login` → `user login stage`). */
export function modelNoun(model: string): string {
  const known = MODEL_WORDS[model]?.noun;
  if (known !== undefined) return known;
  const [app = '', name = model] = model.split('.');
  for (const kind of ['stage', 'policy', 'provider', 'source']) {
    const prefix = `authentik_${kind === 'policy' ? 'policies' : `${kind}s`}_`;
    if (app.startsWith(prefix) && name.endsWith(kind)) return `${app.slice(prefix.length).replace(/_/g, ' ')} ${kind}`;
  }
  if (name.endsWith('propertymapping')) return `${name.slice(0, -'propertymapping'.length)} property mapping`;
  return name;
}

/** The blueprint reader's short name for a model: `authentik_core.group` → `group`, others → the part after the dot. */
export function shortModelName(model: string): string {
  return MODEL_WORDS[model]?.short ?? model.slice(model.indexOf('.') + 1);
}

/** The label of a model in verify's, plan's and the live importer's reports: its word, else its noun. */
export function reportLabel(model: string): string {
  return MODEL_WORDS[model]?.report ?? modelNoun(model);
}
