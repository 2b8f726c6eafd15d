"""Enforce the append-only event log in the database too, not only in the ORM.

PostgreSQL refuses UPDATE and DELETE on cases_caseevent (a DELETE passes only inside a transaction that set
`fanjian.allow_event_purge`, which `CaseEventQuerySet.purge` does for demo data); SQLite refuses UPDATE (a DELETE
trigger there would also block the test runner's flush, and the PROTECT foreign key already stops cascades).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('fanjian.allow_event_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'CaseEvent is append-only: %% refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE OR DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE ON cases_caseevent
BEGIN
    SELECT RAISE(ABORT, 'CaseEvent is append-only: UPDATE refused');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS cases_caseevent_append_only;"


def forward(apps, schema_editor):
    sql = {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    sql = {"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_interruption_return_states")]
    operations = [migrations.RunPython(forward, backward)]
