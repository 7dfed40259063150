"""Personal data: consent records, CCCD kept as a keyed hash and its last digits

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 16:00:00

The readable ``users.cccd`` is replaced by ``cccd_hash`` (HMAC-SHA256, unique) and
``cccd_last4``. Existing numbers are hashed here with the key the app uses
(``CCCD_HASH_KEY``, else the key derived from ``SECRET_KEY``: the same formula as
``contest.accounts.rules.cccd``, written out so this file does not change with the app).
When neither is configured while upgrading, only the last four digits are kept (a
warning says so): the uniqueness check then starts afresh for those accounts.
Downgrading cannot bring the numbers back: ``cccd`` returns empty.
"""
import hashlib
import hmac
import unicodedata

from alembic import op
import sqlalchemy as sa
from flask import current_app


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

DERIVATION_LABEL = b"cchc-contest/cccd-hash-key/v1"
BATCH = 1000


def upgrade():
    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consents_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents')),
    sa.UniqueConstraint('user_id', 'version', name=op.f('uq_consents_user_id_version'))
    )
    op.create_table('deletion_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('carried_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('carried_out_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['carried_out_by_id'], ['users.id'],
                            name=op.f('fk_deletion_requests_carried_out_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_deletion_requests_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deletion_requests')),
    sa.UniqueConstraint('user_id', name=op.f('uq_deletion_requests_user_id'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cccd_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('cccd_last4', sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True))
    _move_cccd_numbers()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_users_cccd_hash'), ['cccd_hash'])
        batch_op.drop_constraint(batch_op.f('uq_users_cccd'), type_='unique')
        batch_op.drop_column('cccd')


def _hash_key() -> bytes | None:
    config = current_app.config
    if config.get('CCCD_HASH_KEY'):
        return config['CCCD_HASH_KEY'].encode()
    if config.get('SECRET_KEY'):
        return hmac.new(config['SECRET_KEY'].encode(), DERIVATION_LABEL, hashlib.sha256).digest()
    return None


def _ascii_digits(raw: str) -> str:
    return ''.join(str(unicodedata.digit(ch)) for ch in raw if ch.isdigit())


def _move_cccd_numbers():
    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('cccd', sa.String),
                     sa.column('cccd_hash', sa.String), sa.column('cccd_last4', sa.String))
    rows = connection.execute(sa.select(users.c.id, users.c.cccd)
                              .where(users.c.cccd.is_not(None))).all()
    if not rows:
        return
    key = _hash_key()
    if key is None:
        print('0011: neither CCCD_HASH_KEY nor SECRET_KEY is set: only the last 4 digits '
              f'of {len(rows)} CCCD numbers are kept.')
    values = []
    for user_id, raw in rows:
        number = _ascii_digits(raw)
        digest = hmac.new(key, number.encode(), hashlib.sha256).hexdigest() if key else None
        values.append({'user_id': user_id, 'digest': digest, 'last4': number[-4:] or None})
    update = (users.update().where(users.c.id == sa.bindparam('user_id'))
              .values(cccd_hash=sa.bindparam('digest'), cccd_last4=sa.bindparam('last4')))
    for start in range(0, len(values), BATCH):
        connection.execute(update, values[start:start + BATCH])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cccd', sa.String(length=12), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_cccd'), ['cccd'])
        batch_op.drop_constraint(batch_op.f('uq_users_cccd_hash'), type_='unique')
        batch_op.drop_column('anonymised_at')
        batch_op.drop_column('cccd_last4')
        batch_op.drop_column('cccd_hash')
    op.drop_table('deletion_requests')
    op.drop_table('consents')
