import fc from 'fast-check';
import { describe, it } from 'vitest';
import { blueprintNumbers, yamlStrings } from '../scripts/conformance/corpus';
import { propertyRuns } from './property-runs';
import { roundTrips, SEED } from './yaml-roundtrip-reader';

describe('serializeBlueprint round trip through a YAML 1.1 reader', () => {
  it('reads back generated strings and numbers (2,000 runs; 200 in npm test)', () => {
    fc.assert(fc.property(yamlStrings, blueprintNumbers, (value, number) => roundTrips(value, number)), {
      numRuns: propertyRuns(2_000),
      seed: SEED,
    });
  });
});
