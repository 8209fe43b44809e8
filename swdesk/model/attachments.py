"""Evidence attached to a record: photos and scanned papers (issue 24).

The file itself lives content-addressed in the data dir (``attachments/``), never in the
database: a row holds what it is, what it belongs to and the SHA-256 of the stored file.
The stored file is the cleaned one (location and device data removed, orientation
applied, a photo at print size); ``original_sha256`` names the cleaned original when the
station keeps originals.
"""

from __future__ import annotations

import peewee as pw

from swdesk.model import described as d
from swdesk.model.base import BaseModel, SyncedModel, now
from swdesk.model.cases import Case, CaseLog
from swdesk.model.groupwork import CommunityActivity
from swdesk.model.org import Worker
from swdesk.model.people import Client
from swdesk.model.projects import Complaint, Evaluation
from swdesk.model.services import ServiceRecord

# The links an attachment may have, one of them set: the owner's entity and the column.
OWNER_LINKS: tuple[str, ...] = (
    "client", "case", "case_log", "record", "activity", "evaluation", "complaint",
)


class Attachment(SyncedModel):
    """One attached file: a photo or a scan, with its caption."""

    labels = ("附件", "Attachment")
    sha256 = d.text("文件摘要", "SHA-256", required=True, max_length=64, editable=False)
    size = d.integer("大小（字节）", "Size (bytes)", default=0, editable=False)
    media_type = d.text("文件类型", "Type", required=True, max_length=40, editable=False,
                        list_column=True)
    file_name = d.text("原文件名", "File name", max_length=200, editable=False,
                       list_column=True)
    caption = d.text("说明", "Caption", max_length=200, list_column=True)
    taken_at = d.datetime("拍摄时间", "Taken at", list_column=True)
    width = d.integer("宽（像素）", "Width (px)", editable=False)
    height = d.integer("高（像素）", "Height (px)", editable=False)
    pages = d.integer("页数", "Pages", editable=False)
    original_sha256 = d.text("原图摘要", "Original's SHA-256", max_length=64, editable=False)
    attached_at = d.datetime("添加时间", "Attached at", required=True, default=now)
    attached_by = d.link("添加人", "Attached by", Worker)
    attached_by_id: int | None
    client = d.link("服务对象", "Client", Client)
    client_id: int | None
    case = d.link("个案", "Case", Case)
    case_id: int | None
    case_log = d.link("个案记录", "Case log", CaseLog)
    case_log_id: int | None
    record = d.link("服务记录", "Service record", ServiceRecord)
    record_id: int | None
    activity = d.link("社区活动", "Community activity", CommunityActivity)
    activity_id: int | None
    evaluation = d.link("项目评估", "Evaluation", Evaluation)
    evaluation_id: int | None
    complaint = d.link("投诉举报", "Complaint", Complaint)
    complaint_id: int | None

    class Meta:
        # the rows of a file (dedup, db check, the sync's "is it still used"), and each
        # owner's strip read from the index
        indexes = ((("sha256", "deleted"), False),)


class AttachmentSync(BaseModel):
    """Local: a stored file's way to the city (sent in which package, acknowledged)."""

    sha256 = pw.CharField(max_length=64, primary_key=True)
    package_seq = pw.IntegerField(null=True)  # the package that last carried it
    sent_at = pw.DateTimeField(null=True)
    acked_at = pw.DateTimeField(null=True)  # the city holds it: never sent again

    class Meta:
        table_name = "attachment_sync"
