// A data table: columns sort when their header button is pressed (Enter or Space; aria-sort on the
// sorted column's header), rows can be paged (Previous / Next, the position announced), and a row can
// carry a detail row that opens under it (each row and its detail then share a <tbody>). Sorting and
// paging are in table-model.ts. The table keeps the look of the plain `.table`.
import type { ComponentChildren, HTMLAttributes } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ariaSort, nextSort, pageSlice, sortRows, type Sort, type SortDir, type SortValue } from './table-model';

export interface Column<T> {
  key: string;
  /** The header (also the name of its sort button). */
  label: string;
  /** The header is read by screen readers only (e.g. "Actions"). */
  hideLabel?: boolean;
  /** The value the column sorts by; without it the column does not sort. */
  sortValue?: (row: T) => SortValue;
  /** The direction of the first sort by this column (descending for dates and counts). */
  firstDir?: SortDir;
  cell: (row: T) => ComponentChildren;
  /** Class of the column's body cells (e.g. "mono", "table__actions"). */
  class?: string;
  /** Class of the column's header (e.g. "num" for right-aligned numbers). */
  headerClass?: string;
  /** The cells of this column are row headers (<th scope="row">). */
  rowHeader?: boolean;
}

export interface RowDetail {
  /** The id of the detail row, for the aria-controls of the button that opens it. */
  id: string;
  open: boolean;
  content: ComponentChildren;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  /** The class of the <table> ("table", "table table--audit"…). */
  class?: string;
  /** The id of the element that names the table. */
  labelledBy?: string;
  /** A caption read by screen readers, when no heading names the table. */
  caption?: string;
  /** The sort at first (null: the rows' own order). */
  initialSort?: Sort | null;
  /** Rows per page; without it every row is shown. */
  pageSize?: number;
  /** What the pager calls the rows ("members"). */
  rowsLabel?: string;
  /** A detail row under a row (the audit log's before and after), or null. */
  detail?: (row: T) => RowDetail | null;
  /** Class of a row's <tbody> when rows have details. */
  groupClass?: (row: T) => string | undefined;
  /** Extra attributes of a row (e.g. a data-testid). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, detail, pageSize } = props;
  const [sort, setSort] = useState<Sort | null>(props.initialSort ?? null);
  const [page, setPage] = useState(1);

  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    return col?.sortValue && sort ? sortRows(rows, col.sortValue, sort.dir) : [...rows];
  }, [rows, columns, sort]);
  const shown = pageSlice(sorted, page, pageSize ?? 0);

  const sortBy = (c: Column<T>) => {
    setSort((s) => nextSort(s, c.key, c.firstDir));
    setPage(1);
  };

  const cells = (row: T) =>
    columns.map((c) =>
      c.rowHeader ? (
        <th key={c.key} scope="row" class={c.class}>
          {c.cell(row)}
        </th>
      ) : (
        <td key={c.key} class={c.class}>
          {c.cell(row)}
        </td>
      ),
    );

  return (
    <>
      <table class={props.class ?? 'table'} aria-labelledby={props.labelledBy}>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.headerClass} aria-sort={ariaSort(sort, c.key)}>
                {c.sortValue && !c.hideLabel ? (
                  <button type="button" class="table__sort" onClick={() => sortBy(c)}>
                    {c.label}
                    {sort?.key === c.key ? (
                      <span class="table__sort-dir" aria-hidden="true">
                        {sort.dir === 'asc' ? '▲' : '▼'}
                      </span>
                    ) : null}
                  </button>
                ) : c.hideLabel ? (
                  <span class="visually-hidden">{c.label}</span>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        {detail ? (
          shown.rows.map((row) => {
            const d = detail(row);
            return (
              <tbody key={rowKey(row)} class={props.groupClass?.(row)}>
                <tr {...props.rowProps?.(row)}>{cells(row)}</tr>
                {d ? (
                  <tr id={d.id} hidden={!d.open} class="table__detail">
                    <td colSpan={columns.length}>{d.open ? d.content : null}</td>
                  </tr>
                ) : null}
              </tbody>
            );
          })
        ) : (
          <tbody>
            {shown.rows.map((row) => (
              <tr key={rowKey(row)} {...props.rowProps?.(row)}>
                {cells(row)}
              </tr>
            ))}
          </tbody>
        )}
      </table>
      {shown.pages > 1 ? (
        <Pager
          page={shown.page}
          pages={shown.pages}
          first={shown.first}
          last={shown.last}
          total={rows.length}
          rowsLabel={props.rowsLabel ?? 'rows'}
          onPage={setPage}
        />
      ) : null}
    </>
  );
}

function Pager(p: {
  page: number;
  pages: number;
  first: number;
  last: number;
  total: number;
  rowsLabel: string;
  onPage: (page: number) => void;
}) {
  return (
    <nav class="pager" aria-label={`Pages of ${p.rowsLabel}`}>
      <button type="button" class="btn btn--small" disabled={p.page <= 1} onClick={() => p.onPage(p.page - 1)}>
        Previous
      </button>
      <span class="pager__position muted small" aria-live="polite">
        {p.first}–{p.last} of {p.total} {p.rowsLabel} · page {p.page} of {p.pages}
      </span>
      <button type="button" class="btn btn--small" disabled={p.page >= p.pages} onClick={() => p.onPage(p.page + 1)}>
        Next
      </button>
    </nav>
  );
}
