/**
 * A customer-style schema for the differential tests: every role field and table renamed
 * (`Current_Activation__c`, `dbt_valid_from`, …), table names that need quoting, and field
 * types the default schema lacks on versioned objects (datetime and date criteria fields), so
 * the targets are compared on more than the shipped Salesforce layout.
 */
import { validateSchema } from '../../src/schema/load.js';
import type { Schema } from '../../src/schema/types.js';

const PERSON_FIELDS = {
  Id: { type: 'id' },
  Owner__c: { type: 'reference' },
  Current_Activation__c: { type: 'reference' },
  Status: { type: 'picklist', values: ['New', 'Open', 'Working', 'Closed'] },
  Score__c: { type: 'double' },
  Seats__c: { type: 'int' },
  Notes__c: { type: 'text' },
  Topics__c: { type: 'multipicklist', values: ['AI', 'Cloud', 'Data'] },
  Is_Active__c: { type: 'boolean' },
  Last_Touch__c: { type: 'datetime' },
  Birthday__c: { type: 'date' },
};

export const CUSTOM_SCHEMA: Schema = validateSchema(
  {
    objects: {
      Engagement: {
        table: 'Sales Engagement',
        versioned: false,
        roles: { id: 'Id', owner: 'Owner__c', recordType: 'Kind__c', created: 'Started__c', completed: 'Ended__c', lead: 'Lead__c', contact: 'Contact__c' },
        fields: {
          Id: { type: 'id' },
          Kind__c: { type: 'picklist', values: ['Activation', 'Influencing'] },
          Lead__c: { type: 'reference' },
          Contact__c: { type: 'reference' },
          Owner__c: { type: 'reference' },
          Started__c: { type: 'datetime' },
          Ended__c: { type: 'datetime' },
        },
      },
      Lead: {
        table: 'lead_history',
        versioned: true,
        roles: { id: 'Id', owner: 'Owner__c', currentActivation: 'Current_Activation__c', validFrom: 'dbt_valid_from' },
        fields: PERSON_FIELDS,
      },
      Contact: {
        table: 'Contact"History',
        versioned: true,
        roles: { id: 'Id', owner: 'Owner__c', currentActivation: 'Current_Activation__c', validFrom: 'dbt_valid_from' },
        fields: PERSON_FIELDS,
      },
      Opportunity: {
        table: 'deal_history',
        versioned: true,
        roles: { id: 'Id', owner: 'Owner__c', activation: 'Journey__c', validFrom: 'dbt_valid_from' },
        fields: {
          Id: { type: 'id' },
          Owner__c: { type: 'reference' },
          Journey__c: { type: 'reference' },
          Stage__c: { type: 'picklist', values: ['Open', 'Won', 'Lost'] },
          Chance__c: { type: 'percent' },
          Won__c: { type: 'boolean' },
          Close__c: { type: 'date' },
          Expected_Close__c: { type: 'date' },
          Modified__c: { type: 'datetime' },
        },
      },
    },
  },
  'test/differential/custom-schema.ts',
);
