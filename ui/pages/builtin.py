"""The workbench's own pages, registered in the rail's order (others plug in between)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ui.shell.context import AppContext
from ui.shell.registry import register_detail, register_page


def _section(entity: str) -> Callable[[AppContext], QWidget]:
    def build(ctx: AppContext) -> QWidget:
        # Imported when a list is first shown: the lists and forms cost the start 50 ms.
        from ui.pages.section import EntitySection

        return EntitySection(entity, ctx)
    return build


def _dashboard(ctx: AppContext) -> QWidget:
    from ui.pages.dashboard import DashboardPage

    return DashboardPage(ctx)


def _work_list(ctx: AppContext) -> QWidget:
    from ui.pages.work_list_page import WorkListPage

    return WorkListPage(ctx)


def _workers(ctx: AppContext) -> QWidget:
    from ui.pages.workers import WorkersPage

    return WorkersPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from ui.pages.settings import SettingsPage

    return SettingsPage(ctx)


def _client(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.client_page import ClientPage

    return ClientPage(ctx, row_id)


def _case(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.case_page import case_detail

    return case_detail(ctx, row_id)


def _record(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.record_page import RecordPage

    return RecordPage(ctx, row_id)


def _activity(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.activity_page import ActivityPage

    return ActivityPage(ctx, row_id)


def _group(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.group_page import group_detail

    return group_detail(ctx, row_id)


def _project(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.project_page import project_detail

    return project_detail(ctx, row_id)


def _volunteer(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.form_page import FormPage
    from ui.pages.volunteer_page import VolunteerPage

    if row_id is None:
        from swdesk.model import Volunteer

        return FormPage(Volunteer, ctx)
    return VolunteerPage(ctx, row_id)


def _need(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.form_page import FormPage
    from ui.pages.need_page import NeedPage

    if row_id is None:
        from swdesk.model import Need

        return FormPage(Need, ctx)
    return NeedPage(ctx, row_id)


def _contract(ctx: AppContext) -> QWidget:
    from ui.pages.contract_page import ContractPage

    return ContractPage(ctx)


def _evaluation(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.contract_page import evaluation_page

    return evaluation_page(ctx, row_id)


def _complaint(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.contract_page import complaint_page

    return complaint_page(ctx, row_id)


def _agency(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.contract_page import agency_page

    return agency_page(ctx, row_id)


def _certificate(ctx: AppContext, row_id: int | None) -> QWidget:
    from ui.pages.certificate_page import CertificatePage

    return CertificatePage(ctx, row_id)


def _reports(ctx: AppContext) -> QWidget:
    from ui.reports.report_page import ReportPage

    return ReportPage(ctx.actor, ctx.data_dir)


def _sync(ctx: AppContext) -> QWidget:
    from ui.sync.sync_page import SyncPage

    page = SyncPage(ctx.handle())
    page.data_changed.connect(lambda: ctx.data_changed())  # the status bar's pending count
    return page


def _audit(ctx: AppContext) -> QWidget:
    from ui.pages.audit_page import AuditPage

    return AuditPage(ctx)


def _installed(module: str) -> bool:
    """Pages built by other features appear once their module is there."""
    return importlib.util.find_spec(module) is not None


register_page("dashboard", QT_TRANSLATE_NOOP("Nav", "工作台"), 10, _dashboard)
register_page("work_list", QT_TRANSLATE_NOOP("Nav", "待办"), 15, _work_list)
register_page("client", QT_TRANSLATE_NOOP("Nav", "服务对象"), 20, _section("client"))
register_page("case", QT_TRANSLATE_NOOP("Nav", "个案"), 30, _section("case"))
register_page("service_record", QT_TRANSLATE_NOOP("Nav", "服务记录"), 40,
              _section("service_record"))
register_page("community_activity", QT_TRANSLATE_NOOP("Nav", "社区活动"), 48,
              _section("community_activity"))
register_page("work_group", QT_TRANSLATE_NOOP("Nav", "小组"), 45, _section("work_group"))
register_page("volunteer", QT_TRANSLATE_NOOP("Nav", "志愿者"), 50, _section("volunteer"))
register_page("partner", QT_TRANSLATE_NOOP("Nav", "联动资源"), 60, _section("partner"))
register_page("need", QT_TRANSLATE_NOOP("Nav", "需求对接"), 65, _section("need"))
register_page("project", QT_TRANSLATE_NOOP("Nav", "服务项目"), 70, _section("project"))
register_page("contract", QT_TRANSLATE_NOOP("Nav", "评估与投诉"), 75, _contract)
register_page("worker", QT_TRANSLATE_NOOP("Nav", "社工"), 80, _workers)
if _installed("ui.reports.report_page"):
    register_page("reports", QT_TRANSLATE_NOOP("Nav", "报表"), 90, _reports)
if _installed("ui.sync") and _installed("ui.sync.sync_page"):
    register_page("sync", QT_TRANSLATE_NOOP("Nav", "同步"), 100, _sync)
register_page("audit", QT_TRANSLATE_NOOP("Nav", "审计"), 190, _audit, roles={"admin"})
register_page("settings", QT_TRANSLATE_NOOP("Nav", "设置"), 200, _settings)
register_detail("client", _client)
register_detail("case", _case)
register_detail("service_record", _record)
register_detail("volunteer", _volunteer)
register_detail("need", _need)
register_detail("community_activity", _activity)
register_detail("work_group", _group)
register_detail("evaluation", _evaluation)
register_detail("complaint", _complaint)
register_detail("agency", _agency)
register_detail("volunteer_certificate", _certificate)
register_detail("project", _project)
