"""On PostgreSQL the database itself refuses to change or delete an audit entry."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION tera_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION tera_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS tera_audit_append_only();
"""


def run(sql):
    def forwards(apps, schema_editor):
        # SQLite clears tables with DELETE when tests reset them, so the trigger is PostgreSQL's only.
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return forwards


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
