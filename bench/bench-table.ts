/** The shape every benchmark returns, and a plain-text printer for it. */

/** One benchmark's result: a titled table with optional notes. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

/** Formats a table as aligned text: text columns left-aligned, numbers right-aligned. */
export function formatBenchTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const numeric = table.columns.map((_, column) => table.rows.every((row) => typeof row[column] === 'number'));
  const render = (row: string[]): string =>
    row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  const lines = [table.title, render(table.columns), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map((row) => render(row.map(String)))];
  for (const note of table.notes ?? []) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** Prints a table to stdout (or to the given writer). */
export function printBenchTable(table: BenchTable, write: (line: string) => void = console.log): void {
  write(formatBenchTable(table));
}
