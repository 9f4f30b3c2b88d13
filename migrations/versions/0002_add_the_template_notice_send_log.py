"""Add the template notice send log

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 20:37:41.339285
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notice_send_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16).with_variant(mysql.VARCHAR(length=16, charset='utf8mb4', collation='utf8mb4_bin'), 'mysql', 'mariadb'), nullable=False),
    sa.Column('business_id', sa.BigInteger(), nullable=False),
    sa.Column('event_version', sa.String(length=64).with_variant(mysql.VARCHAR(length=64, charset='utf8mb4', collation='utf8mb4_bin'), 'mysql', 'mariadb'), nullable=False),
    sa.Column('openid', sa.String(length=64).with_variant(mysql.VARCHAR(length=64, charset='utf8mb4', collation='utf8mb4_bin'), 'mysql', 'mariadb'), nullable=False),
    sa.Column('template_id', sa.String(length=64), nullable=False),
    sa.Column('client_msg_id', sa.String(length=64).with_variant(mysql.VARCHAR(length=64, charset='utf8mb4', collation='utf8mb4_bin'), 'mysql', 'mariadb'), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('msgid', sa.BigInteger(), nullable=True),
    sa.Column('errcode', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_send_log')),
    sa.UniqueConstraint('kind', 'business_id', 'event_version', name='uq_notice_send_log_event'),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('notice_send_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_send_log_msgid'), ['msgid'], unique=False)
        batch_op.create_index('ix_notice_send_log_status_update_time', ['status', 'update_time'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notice_send_log', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_send_log_status_update_time')
        batch_op.drop_index(batch_op.f('ix_notice_send_log_msgid'))

    op.drop_table('notice_send_log')
