'use strict';
// The string formats the generated schema validators check (scripts/generate.ts sets ajv's code.formats to
// this module): ajv-formats' full set, taken from one place the generated code names, so a format can be
// replaced here without regenerating. URL fields are not among them: authentik judges each with its own
// validator (constructs/catalog/url-fields.ts, constructs/authentik/rules/urls.ts), not RFC 3986's `uri`.
module.exports = require('ajv-formats/dist/formats').fullFormats;
