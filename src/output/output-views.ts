/** The output's tabs and the JSON viewer's views, as the URL names them (`?output=resource&view=table`). */
export const outputTabs = ['payload', 'resource'] as const
export type OutputTab = (typeof outputTabs)[number]

export const jsonViews = ['tree', 'table', 'schema'] as const
export type JsonView = (typeof jsonViews)[number]
