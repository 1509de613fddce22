import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/errors.js';
import { validateDataset } from '../../src/data/validate.js';
import { loadDefaultSchema } from '../../src/schema/load.js';

const schema = loadDefaultSchema();

describe('validateDataset', () => {
  it('normalises in-memory rows like JSON Lines (Date objects accepted) and fills every field', () => {
    const data = validateDataset(
      {
        Engagement: [{ Id: 'E1', RecordType: 'Activation', CreatedDate: new Date('2025-01-01T00:00:00Z') }],
        Lead: [{ Id: 'L1', valid_from: '2025-01-01T01:00:00+01:00', Interests: ['AI', 'Data'], Status: '' }],
      },
      schema,
    );
    expect(data.Engagement[0]).toEqual({
      Id: 'E1', RecordType: 'Activation', LeadId: null, ContactId: null, OwnerId: null,
      CreatedDate: '2025-01-01T00:00:00.000Z', CompletionDate: null,
    });
    expect(data.Lead[0]).toMatchObject({ valid_from: '2025-01-01T00:00:00.000Z', Interests: 'AI;Data', Status: null });
    expect(data.Contact).toEqual([]);
  });

  it('names the table and row of every problem', () => {
    let error: unknown;
    try {
      validateDataset(
        {
          Opportunity: [
            { Id: 'O1', valid_from: '2025-01-01T00:00:00Z', Probability: Number.NaN },
            { Id: 'O1', valid_from: new Date('2025-01-01T00:00:00Z'), Stage: 'x' },
          ],
        },
        schema,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message.split('\n')).toEqual([
      'opportunity rows: row 1, column \'Probability\': Probability: NaN is not a finite number (NaN and infinities are bad data)',
      'opportunity rows: row 2, column \'Id\': duplicate key (Id "O1", valid_from "2025-01-01T00:00:00.000Z"); first seen at row 1',
    ]);
  });
});
