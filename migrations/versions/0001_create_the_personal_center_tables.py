"""Create the personal-center tables

Revision ID: 0001
Revises: 
Create Date: 2026-12-04 20:24:44.931413
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mtd_category',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('type', sa.SmallInteger(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_category')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_category_type'), ['type'], unique=False)

    op.create_table('mtd_hospital',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('tel', sa.String(length=32), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_hospital')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('mtd_wechar_user',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('openid', sa.String(length=64).with_variant(mysql.VARCHAR(length=64, charset='utf8mb4', collation='utf8mb4_bin'), 'mysql', 'mariadb'), nullable=False),
    sa.Column('nickname', sa.String(length=100), nullable=False),
    sa.Column('headimgurl', sa.String(length=512), nullable=False),
    sa.Column('subscribe', sa.SmallInteger(), nullable=False),
    sa.Column('subscribe_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('unsubscribe_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_wechar_user')),
    sa.UniqueConstraint('openid', name=op.f('uq_mtd_wechar_user_openid')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('mtd_expert_list',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('category_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('hospital_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['mtd_category.id'], name=op.f('fk_mtd_expert_list_category_id_mtd_category')),
    sa.ForeignKeyConstraint(['hospital_id'], ['mtd_hospital.id'], name=op.f('fk_mtd_expert_list_hospital_id_mtd_hospital')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_expert_list')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_expert_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_expert_list_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mtd_expert_list_hospital_id'), ['hospital_id'], unique=False)

    op.create_table('mtd_goods_list',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('category_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['mtd_category.id'], name=op.f('fk_mtd_goods_list_category_id_mtd_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_goods_list')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_goods_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_goods_list_category_id'), ['category_id'], unique=False)

    op.create_table('mtd_guide_list',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('tel', sa.String(length=32), nullable=False),
    sa.Column('hospital_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['hospital_id'], ['mtd_hospital.id'], name=op.f('fk_mtd_guide_list_hospital_id_mtd_hospital')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_guide_list')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_guide_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_guide_list_hospital_id'), ['hospital_id'], unique=False)

    op.create_table('mtd_report',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('front_score', sa.Integer(), nullable=False),
    sa.Column('in_score', sa.Integer(), nullable=False),
    sa.Column('after_score', sa.Integer(), nullable=False),
    sa.Column('recovery_score', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['mtd_wechar_user.id'], name=op.f('fk_mtd_report_user_id_mtd_wechar_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_report')),
    sa.UniqueConstraint('user_id', name=op.f('uq_mtd_report_user_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('mtd_medicine_user',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('goods_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('tel', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('status', sa.SmallInteger(), nullable=False),
    sa.Column('express_company', sa.String(length=64), nullable=False),
    sa.Column('express_no', sa.String(length=64), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['goods_id'], ['mtd_goods_list.id'], name=op.f('fk_mtd_medicine_user_goods_id_mtd_goods_list')),
    sa.ForeignKeyConstraint(['user_id'], ['mtd_wechar_user.id'], name=op.f('fk_mtd_medicine_user_user_id_mtd_wechar_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_medicine_user')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_medicine_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_medicine_user_goods_id'), ['goods_id'], unique=False)
        batch_op.create_index('ix_mtd_medicine_user_user_id_create_time', ['user_id', 'create_time'], unique=False)

    op.create_table('mtd_register',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('reg_sn', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('status', sa.SmallInteger(), nullable=False),
    sa.Column('is_audit', sa.SmallInteger(), nullable=False),
    sa.Column('audit_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('hospital_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('expert_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('guide_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('category_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('bespeak_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('img', sa.String(length=512), nullable=False),
    sa.Column('create_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_time', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['mtd_category.id'], name=op.f('fk_mtd_register_category_id_mtd_category')),
    sa.ForeignKeyConstraint(['expert_id'], ['mtd_expert_list.id'], name=op.f('fk_mtd_register_expert_id_mtd_expert_list')),
    sa.ForeignKeyConstraint(['guide_id'], ['mtd_guide_list.id'], name=op.f('fk_mtd_register_guide_id_mtd_guide_list')),
    sa.ForeignKeyConstraint(['hospital_id'], ['mtd_hospital.id'], name=op.f('fk_mtd_register_hospital_id_mtd_hospital')),
    sa.ForeignKeyConstraint(['user_id'], ['mtd_wechar_user.id'], name=op.f('fk_mtd_register_user_id_mtd_wechar_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mtd_register')),
    sa.UniqueConstraint('reg_sn', name=op.f('uq_mtd_register_reg_sn')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('mtd_register', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mtd_register_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mtd_register_expert_id'), ['expert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mtd_register_guide_id'), ['guide_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mtd_register_hospital_id'), ['hospital_id'], unique=False)
        batch_op.create_index('ix_mtd_register_status_bespeak_time', ['status', 'bespeak_time'], unique=False)
        batch_op.create_index('ix_mtd_register_user_id_status', ['user_id', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mtd_register', schema=None) as batch_op:
        batch_op.drop_index('ix_mtd_register_user_id_status')
        batch_op.drop_index('ix_mtd_register_status_bespeak_time')
        batch_op.drop_index(batch_op.f('ix_mtd_register_hospital_id'))
        batch_op.drop_index(batch_op.f('ix_mtd_register_guide_id'))
        batch_op.drop_index(batch_op.f('ix_mtd_register_expert_id'))
        batch_op.drop_index(batch_op.f('ix_mtd_register_category_id'))

    op.drop_table('mtd_register')
    with op.batch_alter_table('mtd_medicine_user', schema=None) as batch_op:
        batch_op.drop_index('ix_mtd_medicine_user_user_id_create_time')
        batch_op.drop_index(batch_op.f('ix_mtd_medicine_user_goods_id'))

    op.drop_table('mtd_medicine_user')
    op.drop_table('mtd_report')
    with op.batch_alter_table('mtd_guide_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mtd_guide_list_hospital_id'))

    op.drop_table('mtd_guide_list')
    with op.batch_alter_table('mtd_goods_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mtd_goods_list_category_id'))

    op.drop_table('mtd_goods_list')
    with op.batch_alter_table('mtd_expert_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mtd_expert_list_hospital_id'))
        batch_op.drop_index(batch_op.f('ix_mtd_expert_list_category_id'))

    op.drop_table('mtd_expert_list')
    op.drop_table('mtd_wechar_user')
    op.drop_table('mtd_hospital')
    with op.batch_alter_table('mtd_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mtd_category_type'))

    op.drop_table('mtd_category')
