"""The versioned REST API (/api/v1/): the same access helpers (`court.cases.access`) and services
(`court.cases.services`) as the pages, token or session authentication, problem documents (RFC 9457) for
every error, pagination, and idempotency keys on every POST that creates something."""
