/**
 * The CSV and XLSX downloads of a list, carrying the list's current filters (`query` is the list's query string
 * with or without its leading "?"), so that what is exported is what is on screen.
 */
export function ExportLinks({ path, query }: { path: string; query: string }) {
  const href = (format: string) => {
    const filters = query.replace(/^\?/, '');
    return `${path}?format=${format}${filters ? `&${filters}` : ''}`;
  };
  return (
    <div class="export-links">
      <a class="btn btn-secondary" href={href('csv')} download data-testid="export-csv">
        Export CSV
      </a>
      <a class="btn btn-secondary" href={href('xlsx')} download data-testid="export-xlsx">
        Export XLSX
      </a>
    </div>
  );
}
