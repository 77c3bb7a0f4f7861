"""transcripts: what the person sent and what the bot showed them (web chat reload, volunteers)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 22:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.base

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'transcript_messages',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('conversation_id', sa.Integer(), nullable=False),
        sa.Column('direction', sa.String(length=3), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('payload', sa.String(length=64), nullable=True),
        sa.Column('buttons', sa.JSON(), nullable=False),
        sa.Column('link', sa.Text(), nullable=True),
        sa.Column('language', sa.String(length=8), nullable=True),
        sa.Column('created_at', api.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['conversation_id'],
            ['conversations.id'],
            name=op.f('fk_transcript_messages_conversation_id_conversations'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_transcript_messages')),
    )
    with op.batch_alter_table('transcript_messages') as batch:
        batch.create_index('ix_transcript_conversation', ['conversation_id', 'id'], unique=False)
        batch.create_index(
            batch.f('ix_transcript_messages_created_at'), ['created_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('transcript_messages') as batch:
        batch.drop_index(batch.f('ix_transcript_messages_created_at'))
        batch.drop_index('ix_transcript_conversation')
    op.drop_table('transcript_messages')
