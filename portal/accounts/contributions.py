"""What the accounts app contributes to the registries of ``core``."""

from portal.core.registry import staff_group_rules

from .roles import role_problem

# An administrator (系统/安全/审计管理员) holds no other group, so gets no 工作人员 record.
staff_group_rules.register("admin_roles", role_problem)
