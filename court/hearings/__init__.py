"""Hearing pages above the case pages: the week and month calendars per trial team and per courtroom (court
staff), the public hearing announcement (开庭公告, CPL 139) and the online hearing room (OLR 21). Reads only;
every write is a service of `court.cases.services` (booking: `hearing_booking`, `async_hearings`,
`hearing_record`)."""
