import type { ReactNode } from 'react'
import { useVirtualWindow } from './use-virtual-window'

// Must match the table row height in json-viewer.css.
export const tableRowHeight = 28

export interface TableColumn<Row> {
  header: string
  cell: (row: Row) => ReactNode
  className?: string
}

interface VirtualTableProps<Row> {
  caption: string
  columns: ReadonlyArray<TableColumn<Row>>
  rows: readonly Row[]
  rowKey: (row: Row, index: number) => string
  empty: string
}

/**
 * A real <table> that renders only the rows in view. Spacer rows keep the scroll height right,
 * and aria-rowcount / aria-rowindex tell assistive technology where the rendered rows sit.
 */
export function VirtualTable<Row>({ caption, columns, rows, rowKey, empty }: VirtualTableProps<Row>) {
  const { scrollRef, onScroll, start, end } = useVirtualWindow<HTMLElement>(rows.length, tableRowHeight)
  const after = (rows.length - end) * tableRowHeight
  return (
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard (axe scrollable-region-focusable); the rows hold no controls
    <section className="jv-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} aria-label={caption}>
      <table className="jv-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
          {start > 0 && <SpacerRow height={start * tableRowHeight} columns={columns.length} />}
          {rows.slice(start, end).map((row, offset) => (
            <tr key={rowKey(row, start + offset)} aria-rowindex={start + offset + 2} style={{ height: tableRowHeight }}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {after > 0 && <SpacerRow height={after} columns={columns.length} />}
        </tbody>
      </table>
    </section>
  )
}

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="jv-spacer" style={{ height }}>
      {/* oxlint-disable-next-line jsx-a11y/control-has-associated-label -- an empty, aria-hidden spacer cell, not a control */}
      <td colSpan={columns} />
    </tr>
  )
}
