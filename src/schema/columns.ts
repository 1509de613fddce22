/**
 * How a replica spells the Salesforce API names as warehouse columns (`schema import
 * --columns`). One function per style, each a pure function of the API name, so an imported
 * schema is reproducible and docs/data.md can state the rule exactly.
 */

export const COLUMN_STYLES = ['as-is', 'fivetran', 'snake'] as const;
export type ColumnStyle = (typeof COLUMN_STYLES)[number];

/**
 * Lower snake_case of one camel-cased word run: a break before an upper-case letter that
 * follows a lower-case letter or digit (`OwnerId` → `owner_id`), and before the last capital
 * of an acronym followed by a lower-case letter (`SLAExpiration` → `sla_expiration`).
 */
function snakeWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The column of API name `name` in `style`:
 *  - `as-is`: the API name itself (`Current_Activation__c`);
 *  - `snake`: lower snake_case, underscores kept as they are (`current_activation__c`);
 *  - `fivetran`: lower snake_case with every run of underscores one `_`, as Fivetran writes
 *    the namespace separator and the `__c` suffix (`ia__Score__c` → `ia_score_c`, `Id` → `id`).
 */
export function columnInStyle(style: ColumnStyle, name: string): string {
  switch (style) {
    case 'as-is':
      return name;
    case 'snake':
      return snakeWords(name);
    case 'fivetran':
      return snakeWords(name).replace(/_+/g, '_');
  }
}
