"""The station's data model (peewee). ``describe(Model)`` gives its entity description."""

from __future__ import annotations

import peewee as pw

from swdesk.model.attachments import OWNER_LINKS, Attachment, AttachmentSync
from swdesk.model.base import BaseModel, SyncedModel, database
from swdesk.model.cases import Case, CaseGoal, CaseLog, Referral
from swdesk.model.certificates import VolunteerCertificate
from swdesk.model.described import EntitySpec, FieldSpec, describe
from swdesk.model.groupwork import CommunityActivity, GroupMember, WorkGroup
from swdesk.model.kept import KeptClientMonth, KeptTally
from swdesk.model.org import Agency, Station, TrainingRecord, Worker
from swdesk.model.people import Client, Need, Partner, Volunteer
from swdesk.model.projects import Complaint, Evaluation, EvaluationScore, Indicator, Project
from swdesk.model.questionnaires import Questionnaire, QuestionnaireResponse
from swdesk.model.services import ServiceParticipant, ServicePartner, ServiceRecord, VolunteerHour
from swdesk.model.sync import SyncConflict, SyncKey, SyncPackage, SyncRow
from swdesk.model.system import AuditEntry, ChangeLog, RefItem, Setting, User
from swdesk.model.visits import TaskDeferral, VisitRule, VisitSeen

# Every synced entity, parents before children (the order packages apply them in): a
# client names its visiting volunteer, so volunteers (and their teams) come first.
SYNCED: tuple[type[SyncedModel], ...] = (
    Agency, Station, Worker, TrainingRecord, Partner, Volunteer, Client, Need,
    Project, Indicator, Evaluation, EvaluationScore, Complaint, Case, CaseGoal, CaseLog, Referral,
    WorkGroup, GroupMember, CommunityActivity, ServiceRecord, VolunteerHour,
    VolunteerCertificate, QuestionnaireResponse, Attachment,
)
LOCAL: tuple[type[BaseModel], ...] = (
    RefItem, Questionnaire, Setting, User, AuditEntry, ChangeLog, ServiceParticipant,
    ServicePartner, SyncKey, SyncRow, SyncPackage, SyncConflict, AttachmentSync, VisitRule,
    TaskDeferral, VisitSeen, KeptTally, KeptClientMonth,
)
ALL_MODELS: tuple[type[pw.Model], ...] = (*SYNCED, *LOCAL)
ENTITIES: dict[str, type[SyncedModel]] = {m._meta.table_name: m for m in SYNCED}

__all__ = [
    "ALL_MODELS", "ENTITIES", "LOCAL", "OWNER_LINKS", "SYNCED", "Agency", "Attachment",
    "AttachmentSync", "AuditEntry", "BaseModel", "Case",
    "CaseGoal", "CaseLog", "ChangeLog", "Client", "CommunityActivity", "Complaint",
    "EntitySpec", "Evaluation", "EvaluationScore", "FieldSpec", "GroupMember", "Indicator",
    "KeptClientMonth", "KeptTally", "Need", "Partner",
    "Project", "Questionnaire", "QuestionnaireResponse", "RefItem", "Referral",
    "ServiceParticipant", "ServicePartner", "ServiceRecord", "Setting", "Station",
    "SyncedModel", "TaskDeferral", "TrainingRecord", "User", "VisitRule", "VisitSeen", "Volunteer",
    "VolunteerCertificate",
    "VolunteerHour", "WorkGroup", "database", "describe",
]
