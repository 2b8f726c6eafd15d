"""The API's views, one module per area: `cases` (what everyone reads through `court.cases.access`), `filing`
(a complaint with its evidence), `staff` (the docket and the filing queue), `account` (who am I, tokens,
notices), `metrics`."""
