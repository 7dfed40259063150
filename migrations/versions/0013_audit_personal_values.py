"""Personal values of the audit log in a table of their own, erasable

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:00:00

The audit log is append-only, so a personal value written in its details could
never be erased with the person's data. From now on such values live in
``audit_personal_values`` and the details hold a reference ``{"personal": id}``
(``contest.audit.personal``). The values already in the log move there: the
before/after of a profile change or correction (every field but the
non-identifying ones) and the reasons an organizer typed about a person. The
rules are written out here so that this file does not change with the app.
Downgrading writes the values that still exist back into the details.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

REF = 'personal'
ACTIONS = ('account.profile', 'account.correct', 'account.lock', 'account.unlock',
           'account.extra_time')
CLEAR_FIELDS = {'gender', 'audience', 'unit', 'managed_unit', 'role', 'time_limit_percent'}

audit_log = sa.table('audit_log', sa.column('id', sa.Integer()), sa.column('at'),
                     sa.column('action', sa.String()), sa.column('target_type', sa.String()),
                     sa.column('target_id', sa.String()), sa.column('details', sa.JSON()))
# A Table with its primary key, so an insert tells the id it got on every database.
personal_values = sa.Table('audit_personal_values', sa.MetaData(),
                           sa.Column('id', sa.Integer(), primary_key=True),
                           sa.Column('user_id', sa.Integer()), sa.Column('value', sa.Text()),
                           sa.Column('created_at'))


def upgrade():
    op.create_table('audit_personal_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_audit_personal_values_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_personal_values'))
    )
    with op.batch_alter_table('audit_personal_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_personal_values_user_id'), ['user_id'],
                              unique=False)
    connection = op.get_bind()
    for row in _rows_that_may_hold_personal_values(connection):
        if row.details and (row.target_id or '').isdigit():
            _write_details(connection, row.id, _with_references(connection, row))


def downgrade():
    connection = op.get_bind()
    kept = dict(connection.execute(sa.select(personal_values.c.id, personal_values.c.value)).all())
    for row in _rows_that_may_hold_personal_values(connection):
        _write_details(connection, row.id, _with_values(row.details, kept))
    with op.batch_alter_table('audit_personal_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_personal_values_user_id'))
    op.drop_table('audit_personal_values')


def _rows_that_may_hold_personal_values(connection):
    return connection.execute(sa.select(audit_log).where(
        audit_log.c.action.in_(ACTIONS), audit_log.c.target_type == 'User')).all()


def _write_details(connection, row_id, details):
    connection.execute(audit_log.update().where(audit_log.c.id == row_id).values(details=details))


def _with_references(connection, row) -> dict:
    """The row's details with its personal values moved to the side table."""
    def reference(value):
        if value is None or value == '' or isinstance(value, dict):  # nothing, or moved already
            return value
        inserted = connection.execute(personal_values.insert().values(
            user_id=int(row.target_id), value=str(value), created_at=row.at))
        return {REF: inserted.inserted_primary_key[0]}

    details = dict(row.details)
    if 'reason' in details:
        details['reason'] = reference(details['reason'])
    if isinstance(details.get('changes'), dict):
        details['changes'] = {
            field: change if field in CLEAR_FIELDS or not isinstance(change, dict)
            else {side: reference(change.get(side)) for side in ('before', 'after')}
            for field, change in details['changes'].items()}
    return details


def _with_values(value, kept: dict):
    """``value`` with each reference replaced by its value (None once erased)."""
    if isinstance(value, dict) and value.keys() == {REF}:
        return kept.get(value[REF])
    if isinstance(value, dict):
        return {key: _with_values(inner, kept) for key, inner in value.items()}
    return value
