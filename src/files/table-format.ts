/**
 * What reading and writing table files share: the formats, their content types, and what a
 * spreadsheet takes for a formula. Its own module, so that the reader and the writer depend on it
 * rather than on each other.
 */

export type TableFormat = 'csv' | 'xlsx';

/** Content types of the formats, for uploads and downloads. */
export const tableContentTypes: Record<TableFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a spreadsheet reads as the start of a formula: =, +, -, @, tab, carriage return (OWASP). */
export const formulaStart = /^[=+\-@\t\r]/;
