"""Unit staff lists: unit_staff, the people of a unit as its organizer or manager
uploaded them (name, phone and position), so the unit's page can name who has not
registered yet; one row per phone in a unit

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 23:30:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('unit_staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=10), nullable=True),
    sa.Column('position', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_staff_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_staff'))
    )
    with op.batch_alter_table('unit_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_staff_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_unit_staff_unit_id_phone', ['unit_id', 'phone'], unique=True,
                              sqlite_where=sa.text('phone IS NOT NULL'),
                              postgresql_where=sa.text('phone IS NOT NULL'))


def downgrade():
    with op.batch_alter_table('unit_staff', schema=None) as batch_op:
        batch_op.drop_index('uq_unit_staff_unit_id_phone')
        batch_op.drop_index(batch_op.f('ix_unit_staff_unit_id'))
    op.drop_table('unit_staff')
