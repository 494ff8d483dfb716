'use strict';
// The string formats the generated schema validators check (scripts/generate.ts): ajv-formats' full set,
// with a fast path in front of `uri`. Its RFC 3986 pattern is so large that V8 spends about 10 ms
// compiling it the first time a value is checked, in every synth that has a URL. PLAIN_URL matches only
// strings the full pattern accepts (scheme http or https, a host of letters, digits, dots and dashes, an
// optional port, a path of unreserved characters), so the verdicts are the same and only other values
// reach the full pattern; test/json-formats.test.ts compares the two.
const { fullFormats } = require('ajv-formats/dist/formats');

const PLAIN_URL = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~-]*)*$/;

function uri(value) {
  return PLAIN_URL.test(value) || fullFormats.uri(value);
}

module.exports = { ...fullFormats, uri, PLAIN_URL };
