"""questions.search_text (code and text without diacritics, for the organizers' search);
one current version per question code

Revision ID: 0002
Revises: 0001
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.replace("đ", "d").replace("Đ", "D").split()).lower()


def upgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    questions = sa.table("questions", sa.column("id"), sa.column("code"), sa.column("text"),
                         sa.column("search_text"))
    connection = op.get_bind()
    for row in connection.execute(sa.select(questions.c.id, questions.c.code, questions.c.text)).all():
        connection.execute(questions.update().where(questions.c.id == row.id)
                           .values(search_text=_fold(f"{row.code} {row.text}")))
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index("uq_questions_current_code", ["code"], unique=True,
                              sqlite_where=sa.text("is_current"),
                              postgresql_where=sa.text("is_current"))


def downgrade():
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index("uq_questions_current_code")
        batch_op.drop_column("search_text")
