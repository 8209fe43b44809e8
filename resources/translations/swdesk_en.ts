<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AutoBackup</name>
    <message>
        <source>正在自动备份…</source>
        <translation>Backing up automatically…</translation>
    </message>
    <message>
        <source>正在备份，完成后关闭…</source>
        <translation>Backing up; the window closes when it is done…</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>技术支持：</source>
        <translation>Support:</translation>
    </message>
    <message>
        <source>许可协议：</source>
        <translation>Licence:</translation>
    </message>
    <message>
        <source>尚未建立站点数据库</source>
        <translation>No station database yet</translation>
    </message>
    <message>
        <source>版本 {current}（本程序为版本 {latest}）</source>
        <translation>version {current} (this program is version {latest})</translation>
    </message>
    <message>
        <source>关于社工站桌面</source>
        <translation>About swdesk</translation>
    </message>
    <message>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
    <message>
        <source>程序版本：</source>
        <translation>Program version:</translation>
    </message>
    <message>
        <source>数据目录：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>数据库版本：</source>
        <translation>Database version:</translation>
    </message>
    <message>
        <source>最近一次升级：</source>
        <translation>Last upgrade:</translation>
    </message>
    <message>
        <source>复制以上信息</source>
        <translation>Copy this information</translation>
    </message>
    <message>
        <source>打开数据目录</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <source>社工站桌面已升级</source>
        <translation>swdesk has been upgraded</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record ID</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>第 {} 条：此记录被改动，或它之前的记录被删除</source>
        <translation>Entry {}: this entry was altered, or the one before it removed</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>每次登录、新建、修改、删除、导出、打印和同步都记录在此。记录之间以哈希值首尾相连，任何一条被改动或删除都能校验出来。</source>
        <translation>Every sign-in, new record, change, deletion, export, printout and sync is recorded here. The entries are chained by hash, so an altered or removed entry is detected by the check.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify the audit chain</translation>
    </message>
    <message>
        <source>逐条核对哈希链，并与最近的备份比对，找出被改动或删除的记录</source>
        <translation>Check the hash chain entry by entry and compare it with the newest backup, to find altered or removed entries</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>共 {} 条</source>
        <translation>{} rows</translation>
    </message>
    <message>
        <source>正在校验审计链…</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <source>✔ 审计链完好：共 {} 条记录，没有发现改动或删除。</source>
        <translation>✔ The audit chain is intact: {} entries, none altered or removed.</translation>
    </message>
    <message>
        <source>已与备份 {} 比对。</source>
        <translation> Compared with the backup {}.</translation>
    </message>
    <message>
        <source>✘ 审计链不完整，日志可能被改动过：</source>
        <translation>✘ The audit chain is broken; the log may have been tampered with:</translation>
    </message>
    <message>
        <source>  …… 另有 {} 处</source>
        <translation>  … and {} more</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>正在检查备份文件夹…</source>
        <translation>Checking the backup folder…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>数据备份</source>
        <translation>Data backup</translation>
    </message>
    <message>
        <source>程序每天第一次启动和每次关闭时自动备份，保留最近 7 天、4 周和 12 个月的备份。建议把备份文件夹设在U盘或另一块硬盘上，电脑损坏时数据不会一起丢失。</source>
        <translation>The program backs up automatically on its first start of the day and on every close, keeping the last 7 days, 4 weeks and 12 months. Put the backup folder on a USB disk or another drive, so the data survive if this PC fails.</translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>改回数据目录</source>
        <translation>Back to the data folder</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>恢复列表中选中的备份；没有选中时可选择一个备份文件</source>
        <translation>Restore the backup selected in the list; with none selected, choose a backup file</translation>
    </message>
    <message>
        <source>（数据目录中，默认）</source>
        <translation> (in the data folder, the default)</translation>
    </message>
    <message>
        <source>（现在无法访问，备份会暂存到数据目录）</source>
        <translation> (not reachable now; backups go to the data folder meanwhile)</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份到 {}</source>
        <translation>Backed up to {}</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>备份文件 (*.db)</source>
        <translation>Backup files (*.db)</translation>
    </message>
    <message>
        <source>正在从备份恢复…</source>
        <translation>Restoring from the backup…</translation>
    </message>
    <message>
        <source>将用备份 {} 替换本站的全部数据。

这份备份之后录入和修改的内容都会丢失。恢复前，程序会把现在的数据另存一份（“恢复前的数据”），需要时还能找回。

确定要恢复吗？</source>
        <translation>All of this station&apos;s data will be replaced by the backup {}.

Everything entered or changed after this backup will be lost. Before restoring, the program saves the current data as a separate backup (&quot;before a restore&quot;), so they can be recovered if needed.

Restore now?</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已从备份 {} 恢复。
恢复前的数据已另存为 {}。</source>
        <translation>Restored from the backup {}.
The data as they were before were saved as {}.</translation>
    </message>
    <message>
        <source>您的账户在这份备份中不存在或已不同，程序将关闭，请重新启动并登录。</source>
        <translation>Your account does not exist in this backup or differs there; the program will close. Please start it again and sign in.</translation>
    </message>
    <message>
        <source>窗口将重新载入数据。</source>
        <translation>The window will now reload the data.</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
</context>
<context>
    <name>CaseClosure</name>
    <message>
        <source>结案</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>目标达成情况</source>
        <translation>Goals reached</translation>
    </message>
    <message>
        <source>结案（Ctrl+Enter）</source>
        <translation>Close the case (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>暂不结案</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>（服务计划未列目标）</source>
        <translation>(the service plan lists no goals)</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>（不写入个案记录）</source>
        <translation>(no case log)</translation>
    </message>
    <message>
        <source>记录回访（Ctrl+Enter）</source>
        <translation>Record the follow-up (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>回访方式</source>
        <translation>Way of contact</translation>
    </message>
</context>
<context>
    <name>CaseGoals</name>
    <message>
        <source>服务目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>目标，回车添加</source>
        <translation>Goal; Enter adds it</translation>
    </message>
    <message>
        <source>服务措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>添加目标</source>
        <translation>Add goal</translation>
    </message>
    <message>
        <source>上移（Ctrl+↑）</source>
        <translation>Up (Ctrl+↑)</translation>
    </message>
    <message>
        <source>下移（Ctrl+↓）</source>
        <translation>Down (Ctrl+↓)</translation>
    </message>
    <message>
        <source>删除目标</source>
        <translation>Delete goal</translation>
    </message>
    <message>
        <source>保存目标</source>
        <translation>Save goal</translation>
    </message>
    <message>
        <source>删除目标{}“{}”？</source>
        <translation>Delete goal {} “{}”?</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>不删除</source>
        <translation>Keep it</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>结案…</source>
        <translation>Close the case…</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <source>记录内容，回车添加</source>
        <translation>What happened; Enter adds it</translation>
    </message>
    <message>
        <source>添加记录</source>
        <translation>Add log</translation>
    </message>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>保存个案（Enter）</source>
        <translation>Save case (Enter)</translation>
    </message>
    <message>
        <source>打印个案档案</source>
        <translation>Print the case file</translation>
    </message>
    <message>
        <source>个案记录</source>
        <translation>Case logs</translation>
    </message>
    <message>
        <source>个案 {} · {}</source>
        <translation>Case {} · {}</translation>
    </message>
    <message>
        <source>进入下一阶段：{}</source>
        <translation>Next stage: {}</translation>
    </message>
    <message>
        <source>打印文书</source>
        <translation>Print a document</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>个案记录</source>
        <translation>Case log</translation>
    </message>
    <message>
        <source>开案</source>
        <translation>Open a case</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Case closed</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>新建服务对象</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>服务对象 · {}</source>
        <translation>Client · {}</translation>
    </message>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>登记需求</source>
        <translation>Record a need</translation>
    </message>
    <message>
        <source>服务需求（{}）</source>
        <translation>Needs ({})</translation>
    </message>
    <message>
        <source>个案（{}）</source>
        <translation>Cases ({})</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>服务时间线（{}）</source>
        <translation>Timeline ({})</translation>
    </message>
    <message>
        <source>可能重复登记</source>
        <translation>Possibly registered already</translation>
    </message>
    <message>
        <source>已有相同身份证号、或同名同出生日期的服务对象：
{}

仍要保存这位新的服务对象吗？</source>
        <translation>There is already a client with the same resident ID, or the same name and date of birth:
{}

Save this new client anyway?</translation>
    </message>
    <message>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>工作台</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>新站点先做好这几步，每做完一步就打勾；有了服务记录，这里会显示本月的统计。</source>
        <translation>A new station takes these steps first, each ticked once done; once services are recorded, this month&apos;s figures appear here.</translation>
    </message>
    <message>
        <source>本月服务（次）</source>
        <translation>Services this month</translation>
    </message>
    <message>
        <source>本月服务人次</source>
        <translation>Person-times this month</translation>
    </message>
    <message>
        <source>本月志愿服务时长（小时）</source>
        <translation>Volunteer hours this month</translation>
    </message>
    <message>
        <source>待同步变更（条）</source>
        <translation>Changes not yet synced</translation>
    </message>
    <message>
        <source>本月服务（按近邻服务类别）</source>
        <translation>Services this month by neighbourly category</translation>
    </message>
    <message>
        <source>个案（按阶段）</source>
        <translation>Cases by stage</translation>
    </message>
    <message>
        <source>项目指标完成情况</source>
        <translation>Project indicators against targets</translation>
    </message>
    <message>
        <source>继续教育未满 80 学时的社工（本年度）</source>
        <translation>Workers below 80 continuing-education hours (this year)</translation>
    </message>
    <message>
        <source>正在统计本月数据…</source>
        <translation>Counting this month…</translation>
    </message>
    <message>
        <source>工作台 · {}年{}月</source>
        <translation>Today · {}-{:02}</translation>
    </message>
    <message>
        <source>添加本站的社工</source>
        <translation>Add this station&apos;s social workers</translation>
    </message>
    <message>
        <source>去添加社工</source>
        <translation>Add workers</translation>
    </message>
    <message>
        <source>为同事开账户</source>
        <translation>Open accounts for colleagues</translation>
    </message>
    <message>
        <source>去用户管理</source>
        <translation>Manage users</translation>
    </message>
    <message>
        <source>登记政府购买服务项目</source>
        <translation>Register the purchased service project</translation>
    </message>
    <message>
        <source>去添加项目</source>
        <translation>Add a project</translation>
    </message>
    <message>
        <source>导入原有的 Excel 台账（服务对象等）</source>
        <translation>Import the existing Excel ledger (clients etc.)</translation>
    </message>
    <message>
        <source>导入 Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <source>用市级平台的登记文件登记本站</source>
        <translation>Enrol this station with the city hub&apos;s enrolment file</translation>
    </message>
    <message>
        <source>去同步页登记</source>
        <translation>Enrol on the Sync page</translation>
    </message>
    <message>
        <source>当前没有执行中的项目。</source>
        <translation>No project is running now.</translation>
    </message>
    <message>
        <source>还没有在岗社工。</source>
        <translation>No active social workers yet.</translation>
    </message>
    <message>
        <source>所有在岗社工均已达到 80 学时。</source>
        <translation>Every active worker has reached 80 hours.</translation>
    </message>
    <message>
        <source>{} 学时</source>
        <translation>{} h</translation>
    </message>
    <message>
        <source>另有 {} 人</source>
        <translation>{} more</translation>
    </message>
    <message>
        <source>需要处理</source>
        <translation>To act on</translation>
    </message>
    <message>
        <source>去登记评估</source>
        <translation>Enter the evaluation</translation>
    </message>
    <message>
        <source>打开项目</source>
        <translation>Open the project</translation>
    </message>
    <message>
        <source>打开投诉</source>
        <translation>Open the complaint</translation>
    </message>
</context>
<context>
    <name>EnrolConfirm</name>
    <message>
        <source>市级平台的密钥不同</source>
        <translation>The city hub's key is different</translation>
    </message>
    <message>
        <source>这份登记文件中“{}”的密钥与本站已登记的不同。

原来的指纹：{}
新的指纹：{}

只有市民政局确实更换了密钥时才能接受。否则这份文件可能是伪造的：接受后，本站的同步包将只有伪造者能打开。

请先打电话向市民政局核对新的指纹。</source>
        <translation>The key of “{}” in this enrolment file differs from the one this station is enrolled with.

Old fingerprint: {}
New fingerprint: {}

Accept it only if the city&apos;s civil affairs bureau really replaced its key. Otherwise the file may be forged: once it is accepted, only the forger could open this station&apos;s sync packages.

Call the city&apos;s civil affairs bureau first and check the new fingerprint.</translation>
    </message>
    <message>
        <source>我已向市民政局核对，新的指纹一致</source>
        <translation>I checked with the city's civil affairs bureau: the new fingerprint matches</translation>
    </message>
    <message>
        <source>更换密钥并登记</source>
        <translation>Replace the key and enrol</translation>
    </message>
    <message>
        <source>核对市级平台的指纹</source>
        <translation>Check the city hub's fingerprint</translation>
    </message>
    <message>
        <source>登记文件来自市级平台“{}”，其密钥指纹是：

{}

请与市民政局另行（电话或纸面）告诉您的指纹逐位核对。不一致时请不要登记，并联系市民政局：这份文件可能是伪造的。</source>
        <translation>The enrolment file is from the city hub “{}”. Its key fingerprint is:

{}

Compare it, digit by digit, with the fingerprint the city&apos;s civil affairs bureau gave you separately (by phone or on paper). If they differ, do not enrol and call the bureau: the file may be forged.</translation>
    </message>
    <message>
        <source>我已核对，指纹与市民政局告诉我的一致</source>
        <translation>I checked: the fingerprint matches the one the city gave me</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EntityForm</name>
    <message>
        <source>已恢复上次未保存的内容。</source>
        <translation>What you typed last time, unsaved, has been restored.</translation>
    </message>
    <message>
        <source>丢弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>由市级平台认定，本站不能修改（随回执包更新）</source>
        <translation>Set by the city hub; this station cannot change it (updated by return packages)</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>刚才填写的内容还没有保存。要保存吗？</source>
        <translation>What you typed has not been saved. Save it?</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>不保存</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>程序遇到了意外问题，刚才的操作没有完成，已保存的数据不受影响。
详细情况已记入数据目录中的日志（logs/swdesk.log），可发给技术支持。</source>
        <translation>The program ran into an unexpected problem. The last action was not completed; data already saved is not affected.
The details are in the log in the data folder (logs/swdesk.log), which you can send to support.</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <source>导出为 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出 {} 行到 {}</source>
        <translation>Exported {} rows to {}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>本站信息</source>
        <translation>This station</translation>
    </message>
    <message>
        <source>欢迎使用社工站桌面。先告诉程序这是哪个社工站（室），以后同步给市民政局时会用到。</source>
        <translation>Welcome to swdesk. First tell the program which station (or room) this is; syncing with the city uses it.</translation>
    </message>
    <message>
        <source>站点编码由市民政局分配，写在市级平台发来的登记文件里。有登记文件的，选择它即可填好编码和名称；还没有的，按市民政局通知的编码填写，以后在“同步”页登记。</source>
        <translation>The station code is given by the city&apos;s civil affairs bureau and written in the enrolment file the city hub sends. If you have that file, choose it to fill in the code and name; if not, type the code the bureau told you and enrol later on the Sync page.</translation>
    </message>
    <message>
        <source>从登记文件读取…</source>
        <translation>Read the enrolment file…</translation>
    </message>
    <message>
        <source>例如：嘉莲街道社工站</source>
        <translation>e.g. Jialian Street Social-Work Station</translation>
    </message>
    <message>
        <source>站点编码 *</source>
        <translation>Station code *</translation>
    </message>
    <message>
        <source>站点名称 *</source>
        <translation>Station name *</translation>
    </message>
    <message>
        <source>层级 *</source>
        <translation>Level *</translation>
    </message>
    <message>
        <source>所属区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>选择市级平台的登记文件</source>
        <translation>Choose the city hub&apos;s enrolment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrolment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>编码和名称来自“{}”的登记文件。完成后将请您核对其密钥指纹，然后登记到市级平台。</source>
        <translation>The code and name come from the enrolment file of “{}”. When you finish, you will be asked to check its key fingerprint, then the station is enrolled.</translation>
    </message>
    <message>
        <source>管理员账户</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>建立第一个账户，它是本站的管理员，以后可以为同事开账户。</source>
        <translation>Create the first account: the station&apos;s administrator, who can later open accounts for colleagues.</translation>
    </message>
    <message>
        <source>不关联（我不做服务和个案）</source>
        <translation>None (I do no services or cases)</translation>
    </message>
    <message>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>密码 *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <source>再输一次密码 *</source>
        <translation>Password again *</translation>
    </message>
    <message>
        <source>本人的社工记录</source>
        <translation>My social-worker record</translation>
    </message>
    <message>
        <source>关联后，您新建服务记录和个案时，“负责社工”和“站点”会自动填好。</source>
        <translation>Linked, the worker and the station are filled in on the records and cases you create.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>暂未登记到市级平台</source>
        <translation>Not enrolled with the city hub yet</translation>
    </message>
    <message>
        <source>{}

站点和账户已建好，可以稍后在“同步”页登记。</source>
        <translation>{}

The station and the account are set up; you can enrol later on the Sync page.</translation>
    </message>
    <message>
        <source>社工站桌面 · 首次使用</source>
        <translation>swdesk · first start</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>新建{}</source>
        <translation>New {}</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>新建{}</source>
        <translation>New {}</translation>
    </message>
    <message>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>打印志愿服务记录证明</source>
        <translation>Print the volunteer-service certificate</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>使用指南</source>
        <translation>User guide (in Chinese)</translation>
    </message>
    <message>
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>长时间未操作，屏幕已锁定。
{}，请输入密码继续。</source>
        <translation>The screen was locked after a period of inactivity.
{}, please enter your password to continue.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择要导入的 Excel 台账</source>
        <translation>Choose the Excel ledger to import</translation>
    </message>
    <message>
        <source>支持 .xlsx 文件；表头可以不在第一行。</source>
        <translation>.xlsx files; the heading row need not be the first.</translation>
    </message>
    <message>
        <source>Excel 文件路径</source>
        <translation>Excel file path</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>选择 Excel 文件</source>
        <translation>Choose an Excel file</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>核对列的对应关系</source>
        <translation>Check how the columns map</translation>
    </message>
    <message>
        <source>左边是表格中的列名，右边是导入到的项目；不需要的列选“不导入”。</source>
        <translation>On the left the columns of the sheet, on the right the fields they go to; choose “Do not import” for columns you do not need.</translation>
    </message>
    <message>
        <source>已登记的人用表格中的内容更新（默认跳过）</source>
        <translation>Update people already registered from the sheet (skipped by default)</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <source>按“导入”写入可导入的行；有错误的行不会导入，可保存结果表格改正后再导入。</source>
        <translation>Press “Import” to write the rows that can be imported; rows with errors are left out: save the result sheet, correct them and import again.</translation>
    </message>
    <message>
        <source>保存结果表格…</source>
        <translation>Save the result sheet…</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正在检查表格…</source>
        <translation>Checking the sheet…</translation>
    </message>
    <message>
        <source>检查时出错，详情见日志</source>
        <translation>The check failed; details are in the log</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>保存结果表格</source>
        <translation>Save the result sheet</translation>
    </message>
    <message>
        <source>导入 Excel 台账</source>
        <translation>Import an Excel ledger</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>输入{}查找</source>
        <translation>Type the {} to search</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母或号码后几位</source>
        <translation>Name, pinyin initials or the last digits of an ID or phone</translation>
    </message>
    <message>
        <source>输入名称查找</source>
        <translation>Type a name to find</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <source>同步</source>
        <translation>Sync state</translation>
    </message>
    <message>
        <source>正在载入列表…</source>
        <translation>Loading the list…</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>正在计数…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>新建（Ctrl+N）</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <source>搜索：姓名、拼音首字母、身份证或电话后几位（Ctrl+F）</source>
        <translation>Search: name, pinyin initials, last digits of ID or phone (Ctrl+F)</translation>
    </message>
    <message>
        <source>搜索（Ctrl+F）</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部{}</source>
        <translation>All: {}</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>共 {} 条</source>
        <translation>{} rows</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>使用指南（F1）</source>
        <translation>User guide (F1)</translation>
    </message>
    <message>
        <source>用户：{}</source>
        <translation>User: {}</translation>
    </message>
    <message>
        <source>站点：{}（{}）</source>
        <translation>Station: {} ({})</translation>
    </message>
    <message>
        <source>待同步变更：{} 条</source>
        <translation>Unsynced changes: {}</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <source>社区活动</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>服务对象</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>个案</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>联动资源</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>服务项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>社工</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>评估与投诉</source>
        <translation>Evaluations &amp; complaints</translation>
    </message>
    <message>
        <source>需求对接</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>Work list</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>第 {} 页 / 共 {} 页</source>
        <translation>Page {} of {}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>无法打开文件 {}：{}</source>
        <translation>Cannot open the file {}: {}</translation>
    </message>
    <message>
        <source>文件已关闭：{}</source>
        <translation>The file is closed: {}</translation>
    </message>
    <message>
        <source>没有第 {} 页</source>
        <translation>There is no page {}</translation>
    </message>
    <message>
        <source>所选页码范围内没有页面</source>
        <translation>No pages in the chosen range</translation>
    </message>
    <message>
        <source>无法开始打印：请检查打印机是否已连接、是否缺纸，或所选文件能否写入</source>
        <translation>Cannot start printing: check that the printer is connected and has paper, or that the chosen file can be written</translation>
    </message>
    <message>
        <source>打印机未能换页，打印已中止</source>
        <translation>The printer could not start a new page; printing stopped</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>新建服务记录</source>
        <translation>New service record</translation>
    </message>
    <message>
        <source>服务记录 · {}</source>
        <translation>Service record · {}</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>打印服务记录表</source>
        <translation>Print the service record sheet</translation>
    </message>
    <message>
        <source>社区活动可不逐一选择参与者，直接在左侧填写参与人次。</source>
        <translation>For a community event you may enter the person-times on the left instead of choosing each participant.</translation>
    </message>
    <message>
        <source>参与的服务对象</source>
        <translation>Participating clients</translation>
    </message>
    <message>
        <source>志愿者及服务时长</source>
        <translation>Volunteers and their hours</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>联动资源及贡献</source>
        <translation>Partners and their contribution</translation>
    </message>
    <message>
        <source>贡献内容</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>折合金额（元）</source>
        <translation>Value (yuan)</translation>
    </message>
    <message>
        <source>打开所属小组</source>
        <translation>Open its group</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>已登记证明编号 {}，累计服务 {} 小时</source>
        <translation>Certificate {} registered, {} hours in total</translation>
    </message>
    <message>
        <source>正在生成报表，请稍候…</source>
        <translation>Generating the report, please wait…</translation>
    </message>
    <message>
        <source>服务记录表</source>
        <translation>Service record sheet</translation>
    </message>
    <message>
        <source>个案档案</source>
        <translation>Case file</translation>
    </message>
    <message>
        <source>志愿服务记录证明</source>
        <translation>Volunteer service certificate</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>报表类型</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>报表参数</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>尚未生成报表。
请在左侧选择报表类型和参数，然后点击“生成”。</source>
        <translation>No report yet.
Choose a report and its parameters on the left, then click “Generate”.</translation>
    </message>
    <message>
        <source>证明编号按年度顺序编排，并记入证明登记簿。</source>
        <translation>Certificate numbers run per year and are entered in the certificate register.</translation>
    </message>
    <message>
        <source>正在生成{}…</source>
        <translation>Generating {}…</translation>
    </message>
    <message>
        <source>已生成，共 {} 页。</source>
        <translation>Done: {} pages.</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>无法保存到 {}：{}</source>
        <translation>Cannot save to {}: {}</translation>
    </message>
    <message>
        <source>已保存：{}</source>
        <translation>Saved: {}</translation>
    </message>
    <message>
        <source>月度工作报表</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 Excel：{}</source>
        <translation>Exported to Excel: {}</translation>
    </message>
    <message>
        <source>本站一个月的服务、个案、志愿服务、五社联动和项目指标汇总，报送街道；也可导出 Excel。</source>
        <translation>A month of the station&apos;s services, cases, volunteering, five-society linkage and project indicators, for the street office; can also be exported to Excel.</translation>
    </message>
    <message>
        <source>一次服务的记录表，含参与的服务对象、志愿者、联动资源和签名栏。</source>
        <translation>The sheet of one service: participants, volunteers, partners and signature lines.</translation>
    </message>
    <message>
        <source>一个个案的完整档案：服务对象情况、预估、服务计划、每次服务记录、转介和结案。</source>
        <translation>A complete case file: the client, assessment, plan, every log, referrals and closure.</translation>
    </message>
    <message>
        <source>为志愿者开具服务记录证明。每生成一次即登记一个新的证明编号，请确认后再生成。</source>
        <translation>Issues a volunteer service certificate. Each one generated registers a new certificate number, so check before generating.</translation>
    </message>
    <message>
        <source>志愿服务时长统计</source>
        <translation>Volunteer hours</translation>
    </message>
    <message>
        <source>一段时间内的志愿服务时长，按志愿者、团队和项目合计。</source>
        <translation>Volunteer hours over a period, totalled by volunteer, team and project.</translation>
    </message>
    <message>
        <source>项目指标进度与评估表</source>
        <translation>Project indicators and evaluations</translation>
    </message>
    <message>
        <source>项目各项指标的完成进度、人力成本占比和评估结果。</source>
        <translation>Each indicator&apos;s progress, the labour-cost share and the evaluation results of a project.</translation>
    </message>
    <message>
        <source>继续教育学时统计</source>
        <translation>Continuing-education hours</translation>
    </message>
    <message>
        <source>社工一年的继续教育学时，不足 80 学时的会标出。</source>
        <translation>Workers&apos; continuing-education hours for a year; those below 80 are marked.</translation>
    </message>
    <message>
        <source>空白表格</source>
        <translation>Blank forms</translation>
    </message>
    <message>
        <source>外出走访时手写用的空白服务对象登记表或服务记录表。</source>
        <translation>Blank client registration or service record forms to fill in by hand on visits.</translation>
    </message>
    <message>
        <source> 年</source>
        <translation></translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>输入服务主题或内容查找</source>
        <translation>Type a title or content to find</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service record</translation>
    </message>
    <message>
        <source>输入个案编号或服务对象姓名</source>
        <translation>Type a case number or client name</translation>
    </message>
    <message>
        <source>个案</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>输入志愿者姓名</source>
        <translation>Type a volunteer&apos;s name</translation>
    </message>
    <message>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>统计年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>服务项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>服务对象登记表</source>
        <translation>Client registration form</translation>
    </message>
    <message>
        <source>表格</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>请先选择{}（输入文字后从列表中选取）</source>
        <translation>Choose the {} first (type, then pick from the list)</translation>
    </message>
    <message>
        <source>还没有服务项目，请先在“服务项目”中登记</source>
        <translation>There are no projects yet; add one under “Projects” first</translation>
    </message>
    <message>
        <source>全部节次</source>
        <translation>All sessions</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language of the window</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>本站信息</source>
        <translation>This station</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>服务对象</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>{} 人</source>
        <translation>{} people</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <source>{} 条</source>
        <translation>{}</translation>
    </message>
    <message>
        <source>数据目录</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
    <message>
        <source>社工站桌面 · 登录</source>
        <translation>swdesk · sign in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>恢复此备份</source>
        <translation>Restore this backup</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>已写出同步包 {}（第 {} 号包，{} 条记录）。请把它交给市民政局。</source>
        <translation>Wrote package {} (package {}, {} records). Hand it to the city civil-affairs bureau.</translation>
    </message>
    <message>
        <source>上次回执</source>
        <translation>Last return</translation>
    </message>
    <message>
        <source>上次发送</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>本站的变更</source>
        <translation>This station's changes</translation>
    </message>
    <message>
        <source>包号</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>{}（正在检查…）</source>
        <translation>{} (checking…)</translation>
    </message>
    <message>
        <source>正在检查同步文件夹…</source>
        <translation>Checking the sync folder…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>变更序号</source>
        <translation>Change numbers</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>本站的值</source>
        <translation>Station&apos;s value</translation>
    </message>
    <message>
        <source>市级的值</source>
        <translation>City&apos;s value</translation>
    </message>
    <message>
        <source>原来的值</source>
        <translation>Previous value</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>字段冲突</source>
        <translation>Field conflict</translation>
    </message>
    <message>
        <source>被市级拒收</source>
        <translation>Rejected by the city</translation>
    </message>
    <message>
        <source>删除冲突</source>
        <translation>Deletion conflict</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>本站的数据以加密的同步包交给市民政局，市级平台的回执包确认收到的每一条记录。包可以用U盘带去，也可以放在同步文件夹（网络共享）里。</source>
        <translation>The station&apos;s data go to the city civil-affairs bureau as encrypted sync packages; the city&apos;s return package acknowledges every record it received. Carry packages on a USB stick, or leave them in the sync folder (a network share).</translation>
    </message>
    <message>
        <source>同步包记录</source>
        <translation>Package history</translation>
    </message>
    <message>
        <source>待处理冲突</source>
        <translation>Conflicts to resolve</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>市级平台</source>
        <translation>City system</translation>
    </message>
    <message>
        <source>待确认的变更</source>
        <translation>Changes awaiting acknowledgement</translation>
    </message>
    <message>
        <source>最近导出</source>
        <translation>Last export</translation>
    </message>
    <message>
        <source>最近回执</source>
        <translation>Last return package</translation>
    </message>
    <message>
        <source>同步文件夹</source>
        <translation>Sync folder</translation>
    </message>
    <message>
        <source>导入登记文件…</source>
        <translation>Import enrolment file…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Set…</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>不再使用同步文件夹（文件夹里的文件不动）</source>
        <translation>Stop using the sync folder (the files in it stay as they are)</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>导出数据包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>把市级平台尚未确认的全部变更写成一个同步包，保存到选择的文件夹（如U盘）</source>
        <translation>Write every change the city has not acknowledged into one package, saved in a folder you choose (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>导出到同步文件夹</source>
        <translation>Export to the sync folder</translation>
    </message>
    <message>
        <source>把同步包写到设置好的同步文件夹</source>
        <translation>Write the package to the configured sync folder</translation>
    </message>
    <message>
        <source>导入回执包…</source>
        <translation>Import return package…</translation>
    </message>
    <message>
        <source>选择市级平台发回的回执包（swdesk-return-….swpkg）</source>
        <translation>Choose the return package the city sent back (swdesk-return-….swpkg)</translation>
    </message>
    <message>
        <source>自动同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>现在使用同步文件夹：导入其中新的回执包，再写出同步包</source>
        <translation>Use the sync folder now: import new return packages from it, then write a package</translation>
    </message>
    <message>
        <source>采用本站的值</source>
        <translation>Keep the station&apos;s value</translation>
    </message>
    <message>
        <source>采用市级的值</source>
        <translation>Take the city&apos;s value</translation>
    </message>
    <message>
        <source>或填写新的值</source>
        <translation>or type a new value</translation>
    </message>
    <message>
        <source>采用新值</source>
        <translation>Use the new value</translation>
    </message>
    <message>
        <source>已修正，结束此项</source>
        <translation>Corrected; close this item</translation>
    </message>
    <message>
        <source>被拒收的记录请先在相应页面改正，再结束此项；改正会随下一个同步包发出</source>
        <translation>Correct a rejected record on its own page first, then close this item; the correction goes out with the next package</translation>
    </message>
    <message>
        <source>待处理冲突（{}）</source>
        <translation>Conflicts to resolve ({})</translation>
    </message>
    <message>
        <source>{}（已登记，本站 {}）</source>
        <translation>{} (enrolled; this station {})</translation>
    </message>
    <message>
        <source>本站 {} 尚未登记到市级平台。请向市民政局索取登记文件，再导入。</source>
        <translation>Station {} is not enrolled with the city yet. Ask the city civil-affairs bureau for an enrolment file, then import it.</translation>
    </message>
    <message>
        <source>{} 条（已确认到第 {} 号变更，已发送到第 {} 号，最新第 {} 号）</source>
        <translation>{} (acknowledged up to change {}, sent up to {}, newest {})</translation>
    </message>
    <message>
        <source>还没有</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>第 {} 号 · {}</source>
        <translation>No. {} · {}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>{}（可访问）</source>
        <translation>{} (reachable)</translation>
    </message>
    <message>
        <source>{}（现在无法访问：网络共享未连接？）</source>
        <translation>{} (not reachable now: is the network share connected?)</translation>
    </message>
    <message>
        <source>尚未登记：登记后才能导出同步包</source>
        <translation>Not enrolled: packages can be exported after enrolment</translation>
    </message>
    <message>
        <source>有 {} 个冲突待处理（见下方“待处理冲突”）</source>
        <translation>{} conflict(s) to resolve (see “Conflicts to resolve” below)</translation>
    </message>
    <message>
        <source>✓ 全部变更均已被市级平台确认</source>
        <translation>✓ Every change has been acknowledged by the city</translation>
    </message>
    <message>
        <source>有 {} 条变更等待市级平台确认</source>
        <translation>{} change(s) awaiting the city&apos;s acknowledgement</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
    <message>
        <source>请选择一项。</source>
        <translation>Please choose an item.</translation>
    </message>
    <message>
        <source>市级平台拒收了{}“{}”：{}。请在相应页面改正这条记录，再点“已修正，结束此项”。</source>
        <translation>The city rejected {} “{}”: {}. Correct this record on its page, then click “Corrected; close this item”.</translation>
    </message>
    <message>
        <source>{}“{}”：一方删除了这条记录，另一方修改了它。核对后点“已修正，结束此项”。</source>
        <translation>{} “{}”: one side deleted this record while the other changed it. Check it, then click “Corrected; close this item”.</translation>
    </message>
    <message>
        <source>{}“{}”的{}：本站为 {}，市级为 {}（原为 {}）。请选择保留哪一个，或填写新的值。</source>
        <translation>{} “{}”, {}: the station has {}, the city has {} (was {}). Choose which to keep, or type a new value.</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>选择登记文件</source>
        <translation>Choose the enrolment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrolment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>已登记到 {}。市级密钥指纹 {}；本站密钥指纹 {}（可与市民政局电话核对）</source>
        <translation>Enrolled with {}. City key fingerprint {}; station key fingerprint {} (you can check them with the bureau by phone)</translation>
    </message>
    <message>
        <source>选择同步文件夹（如网络共享）</source>
        <translation>Choose the sync folder (e.g. a network share)</translation>
    </message>
    <message>
        <source>同步文件夹已设为 {}</source>
        <translation>The sync folder is now {}</translation>
    </message>
    <message>
        <source>已不再使用同步文件夹；同步包请导出到选定的文件夹。</source>
        <translation>The sync folder is no longer used; export packages to a folder you choose.</translation>
    </message>
    <message>
        <source>选择保存同步包的文件夹（如U盘）</source>
        <translation>Choose the folder to save the package in (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>已写出同步包 {}（第 {} 号，{} 条记录）。请把它交给市民政局。</source>
        <translation>Wrote package {} (no. {}, {} records). Please hand it to the city civil-affairs bureau.</translation>
    </message>
    <message>
        <source>正在写出同步包…</source>
        <translation>Writing the package…</translation>
    </message>
    <message>
        <source>选择回执包</source>
        <translation>Choose the return package</translation>
    </message>
    <message>
        <source>同步回执包 (*.swpkg);;所有文件 (*)</source>
        <translation>Return packages (*.swpkg);;All files (*)</translation>
    </message>
    <message>
        <source>正在导入回执包…</source>
        <translation>Importing the return package…</translation>
    </message>
    <message>
        <source>已写出同步包 {}（{} 条记录）</source>
        <translation>Wrote package {} ({} records)</translation>
    </message>
    <message>
        <source>未导入 {}：{}</source>
        <translation>Did not import {}: {}</translation>
    </message>
    <message>
        <source>正在通过同步文件夹同步…</source>
        <translation>Syncing through the sync folder…</translation>
    </message>
    <message>
        <source>回执包第 {} 号已经导入过，未作改动</source>
        <translation>Return package no. {} was imported before; nothing changed</translation>
    </message>
    <message>
        <source>已导入回执包第 {} 号：确认 {} 条记录，更正 {} 条，新冲突 {} 个，参考数据 {} 项</source>
        <translation>Imported return package no. {}: {} records acknowledged, {} corrected, {} new conflicts, {} reference items</translation>
    </message>
    <message>
        <source>已处理：{}。结果将随下一个同步包发给市级平台。</source>
        <translation>Resolved: {}. The result goes to the city with the next package.</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定（至 {}）</source>
        <translation>Locked (until {})</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>至少 {} 位，同时包含字母和数字</source>
        <translation>At least {} characters, with letters and digits</translation>
    </message>
    <message>
        <source>✔ 密码强度合格</source>
        <translation>✔ The password is strong enough</translation>
    </message>
    <message>
        <source>两次输入的密码不一样</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>登录时输入，如 lihua</source>
        <translation>typed to sign in, e.g. lihua</translation>
    </message>
    <message>
        <source>社工只能看到自己个案中服务对象的完整信息；站长和管理员能看到全部；只有管理员能管理账户和恢复备份。</source>
        <translation>A social worker sees full personal data only of the clients in their own cases; heads and administrators see everything; only administrators manage accounts and restore backups.</translation>
    </message>
    <message>
        <source>不关联（不做服务和个案）</source>
        <translation>None (does no services or cases)</translation>
    </message>
    <message>
        <source>社工记录</source>
        <translation>Worker record</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为 {}（{}）设置新密码。请把新密码当面告诉本人，并提醒登录后自行修改。</source>
        <translation>Set a new password for {} ({}). Tell it to them in person, and remind them to change it after signing in.</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>连续输错 {} 次密码的账户会锁定 {} 分钟；重置密码会同时解除锁定。停用的账户不能登录，但它的工作记录都会保留。</source>
        <translation>After {} wrong passwords in a row an account locks for {} minutes; resetting the password also lifts the lock. A disabled account cannot sign in, but its work records stay.</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已为 {} 设置新密码。</source>
        <translation>A new password was set for {}.</translation>
    </message>
    <message>
        <source>停用后 {}（{}）将不能登录，已有的工作记录不受影响。确定停用吗？</source>
        <translation>Once disabled, {} ({}) cannot sign in; their existing work records are not affected. Disable the account?</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
</context>
<context>
    <name>VolunteerPage</name>
    <message>
        <source>服务时长与记录</source>
        <translation>Hours and history</translation>
    </message>
    <message>
        <source>累计服务 {} 小时</source>
        <translation>{} hours in all</translation>
    </message>
    <message>
        <source>今年 {} 小时 · 参与服务记录 {} 次 · 共 {} 条时长记录</source>
        <translation>{} hours this year · {} service records · {} hour entries</translation>
    </message>
</context>
<context>
    <name>WorkerChoice</name>
    <message>
        <source>新建社工记录（用上面的姓名）</source>
        <translation>New worker record (with the name above)</translation>
    </message>
    <message>
        <source>已有：{}</source>
        <translation>Existing: {}</translation>
    </message>
</context>
<context>
    <name>WorkersPage</name>
    <message>
        <source>社工</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>继续教育</source>
        <translation>Continuing education</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <source>录入一份满意度问卷…</source>
        <translation>Enter one satisfaction survey…</translation>
    </message>
    <message>
        <source>社区活动方案</source>
        <translation>Activity plan</translation>
    </message>
    <message>
        <source>签到表（空白）</source>
        <translation>Sign-in sheet (blank)</translation>
    </message>
    <message>
        <source>签到表（已签到）</source>
        <translation>Sign-in sheet (filled)</translation>
    </message>
    <message>
        <source>活动记录与总结</source>
        <translation>Record and summary</translation>
    </message>
    <message>
        <source>全部档案</source>
        <translation>The whole file</translation>
    </message>
    <message>
        <source>签到（具名参与者）</source>
        <translation>Sign-in (named participants)</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>未登记姓名人数</source>
        <translation>Participants not named</translation>
    </message>
    <message>
        <source>开展日期</source>
        <translation>Held on</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>活动时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>活动过程：做了什么、参与者的反应</source>
        <translation>What was done and how the participants took it</translation>
    </message>
    <message>
        <source>活动记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>保存签到与记录（Ctrl+Enter）</source>
        <translation>Save sign-in and record (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>具名 {} 人，合计 {} 人</source>
        <translation>{} named, {} in all</translation>
    </message>
    <message>
        <source>目标达成情况、参与者反馈、经验与改进</source>
        <translation>Aims reached, participants' feedback, lessons</translation>
    </message>
    <message>
        <source>活动总结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> forms</translation>
    </message>
    <message>
        <source>收回纸质问卷</source>
        <translation>Paper surveys returned</translation>
    </message>
    <message>
        <source>其中满意</source>
        <translation>Of which satisfied</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>保存总结与满意度（Ctrl+Enter）</source>
        <translation>Save summary and satisfaction (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>满意率 {}%</source>
        <translation>{}% satisfied</translation>
    </message>
    <message>
        <source>尚无调查</source>
        <translation>No survey yet</translation>
    </message>
    <message>
        <source>{}（纸质问卷 {}/{} 份，系统问卷 {}/{} 份）</source>
        <translation>{} (paper {}/{}, questionnaires {}/{})</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>保存方案（Enter）</source>
        <translation>Save plan (Enter)</translation>
    </message>
    <message>
        <source>取消活动</source>
        <translation>Cancel activity</translation>
    </message>
    <message>
        <source>恢复筹备</source>
        <translation>Plan again</translation>
    </message>
    <message>
        <source>活动方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>签到与记录</source>
        <translation>Sign-in and record</translation>
    </message>
    <message>
        <source>总结与满意度</source>
        <translation>Summary and satisfaction</translation>
    </message>
    <message>
        <source>新建社区活动</source>
        <translation>New community activity</translation>
    </message>
    <message>
        <source>社区活动 {} · {}</source>
        <translation>Community activity {} · {}</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>签到、记录或总结还没有保存。仍要离开吗？</source>
        <translation>The sign-in, record or summary is not saved. Leave anyway?</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>（{} 退出）</source>
        <translation> (left {})</translation>
    </message>
    <message>
        <source>{} 第{}节</source>
        <translation>{} session {}</translation>
    </message>
    <message>
        <source>出席组员（单击或空格勾选）</source>
        <translation>Members present (click or Space to tick)</translation>
    </message>
    <message>
        <source>全部出席</source>
        <translation>All present</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>非组员参与人数</source>
        <translation>Others taking part</translation>
    </message>
    <message>
        <source>出席 {} 人，参与人次 {}</source>
        <translation>{} present, {} person-times</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>保存计划（Enter）</source>
        <translation>Save plan (Enter)</translation>
    </message>
    <message>
        <source>小组计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>前后测</source>
        <translation>Pre/post</translation>
    </message>
    <message>
        <source>小组总结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>小组 {} · {}</source>
        <translation>Group {} · {}</translation>
    </message>
    <message>
        <source>小组计划书</source>
        <translation>Group plan</translation>
    </message>
    <message>
        <source>小组节次记录（全部）</source>
        <translation>Session records (all)</translation>
    </message>
    <message>
        <source>小组档案（全部合一）</source>
        <translation>Whole group file</translation>
    </message>
    <message>
        <source>添加组员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>添加组员：</source>
        <translation>Add a member:</translation>
    </message>
    <message>
        <source>组员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>入组日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退出日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>出席节数</source>
        <translation>Sessions attended</translation>
    </message>
    <message>
        <source>移除选中组员（Delete）</source>
        <translation>Remove selected member (Delete)</translation>
    </message>
    <message>
        <source>已出席过活动的组员移除后保留在名单中，并记下退出日期。</source>
        <translation>A member who attended a session stays on the list with the date they left.</translation>
    </message>
    <message>
        <source>节次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>出席组员</source>
        <translation>Members present</translation>
    </message>
    <message>
        <source>参与人次</source>
        <translation>Person-times</translation>
    </message>
    <message>
        <source>新增一节</source>
        <translation>New session</translation>
    </message>
    <message>
        <source>保存本节（Enter）</source>
        <translation>Save session (Enter)</translation>
    </message>
    <message>
        <source>第 {} 节（修改）</source>
        <translation>Session {} (editing)</translation>
    </message>
    <message>
        <source>前测得分</source>
        <translation>Pre score</translation>
    </message>
    <message>
        <source>前测结果</source>
        <translation>Pre result</translation>
    </message>
    <message>
        <source>后测得分</source>
        <translation>Post score</translation>
    </message>
    <message>
        <source>后测结果</source>
        <translation>Post result</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>前测、后测在“问卷与量表”中填写，选本小组和组员；每人取最近一次。</source>
        <translation>Pre- and post-tests are filled in under Questionnaires, choosing this group and the member; the latest of each counts.</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>结束小组（Ctrl+Enter）</source>
        <translation>End the group (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>未测</source>
        <translation>not taken</translation>
    </message>
    <message>
        <source>已开展 {} 节 / 计划 {} 节；组员 {} 人</source>
        <translation>{} sessions held of {} planned; {} members</translation>
    </message>
    <message>
        <source>组员（{}）</source>
        <translation>Members ({})</translation>
    </message>
    <message>
        <source>活动节次（{}）</source>
        <translation>Sessions ({})</translation>
    </message>
    <message>
        <source>填写前测…</source>
        <translation>Pre-test…</translation>
    </message>
    <message>
        <source>填写后测…</source>
        <translation>Post-test…</translation>
    </message>
    <message>
        <source>选中一位组员再填写；每人取最近一次前测和后测。</source>
        <translation>Select a member first; each member's latest pre- and post-test count.</translation>
    </message>
    <message>
        <source>请先选中一位组员</source>
        <translation>Select a member first</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>填写日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>填写：{}</source>
        <translation>Fill in: {}</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Used for</translation>
    </message>
    <message>
        <source>数字键选择答案并转到下一题；↑↓ 换题，←→ 改选；Ctrl+Enter 保存</source>
        <translation>Number keys answer and go on to the next item; ↑↓ change item, ←→ change the answer; Ctrl+Enter saves</translation>
    </message>
</context>
<context>
    <name>QuestionnaireForm</name>
    <message>
        <source>{}（{}分）</source>
        <translation>{} ({} points)</translation>
    </message>
    <message>
        <source>小计 {} / {}</source>
        <translation>Subtotal {} / {}</translation>
    </message>
    <message>
        <source>平均分 {}</source>
        <translation>Mean {}</translation>
    </message>
    <message>
        <source>总分 {} / {}</source>
        <translation>Total {} / {}</translation>
    </message>
    <message>
        <source>结果：{}</source>
        <translation>Result: {}</translation>
    </message>
    <message>
        <source>还有 {} 题未答</source>
        <translation>{} items unanswered</translation>
    </message>
    <message>
        <source>（按分数为{}，{}）</source>
        <translation>(by the score {}; {})</translation>
    </message>
</context>
<context>
    <name>CaseReferrals</name>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>转介机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>转介原因，回车添加</source>
        <translation>Reason; Enter adds it</translation>
    </message>
    <message>
        <source>添加转介</source>
        <translation>Add referral</translation>
    </message>
    <message>
        <source>回执情况</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>转介结果，回车保存</source>
        <translation>Result; Enter saves</translation>
    </message>
    <message>
        <source>保存回执</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{} {} {} 的回执：</source>
        <translation>Receipt of {} {} {}:</translation>
    </message>
</context>
<context>
    <name>CaseAssessments</name>
    <message>
        <source>预估量表</source>
        <translation>Assessment questionnaires</translation>
    </message>
    <message>
        <source>填写预估量表…</source>
        <translation>Fill in an assessment…</translation>
    </message>
    <message>
        <source>填写日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>问卷</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>评估人</source>
        <translation>Assessed by</translation>
    </message>
    <message>
        <source>回车打印所选的一份</source>
        <translation>Enter prints the chosen one</translation>
    </message>
</context>
<context>
    <name>ContractPage</name>
    <message>
        <source>应于 {} 前办结。</source>
        <translation>To be handled by {}.</translation>
    </message>
    <message>
        <source>各指标得分</source>
        <translation>Score per indicator</translation>
    </message>
    <message>
        <source>0–100</source>
        <translation>0–100</translation>
    </message>
    <message>
        <source>{}（目标 {}）</source>
        <translation>{} (target {})</translation>
    </message>
    <message>
        <source>该项目还没有登记指标。</source>
        <translation>The project has no indicators yet.</translation>
    </message>
    <message>
        <source>保存得分</source>
        <translation>Save the scores</translation>
    </message>
    <message>
        <source>得分已保存</source>
        <translation>Scores saved</translation>
    </message>
    <message>
        <source>项目评估</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <source>投诉举报</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>服务机构</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <source>站点与服务室</source>
        <translation>Stations and rooms</translation>
    </message>
    <message>
        <source>志愿服务证明</source>
        <translation>Volunteer certificates</translation>
    </message>
    <message>
        <source>等级与合同</source>
        <translation>Grade and contract</translation>
    </message>
    <message>
        <source>已超过办理期限，请尽快办结并登记处理结果。</source>
        <translation>Past its deadline: handle it and record the outcome.</translation>
    </message>
    <message>
        <source>办理期限不填时，按受理日期后 {} 天计（本站设置）。</source>
        <translation>Without a deadline, it is {} days after the date received (this station's setting).</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>专职人员须有三分之一以上持证或社工本科；法定代表人宜持社会工作师及以上证书。</source>
        <translation>At least one third of the full-time staff must be certified or social-work graduates; the legal representative should hold a social-worker certificate.</translation>
    </message>
    <message>
        <source>机构资质</source>
        <translation>Qualifications</translation>
    </message>
</context>
<context>
    <name>CertificatePage</name>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>志愿服务证明 · {}</source>
        <translation>Volunteer certificate · {}</translation>
    </message>
    <message>
        <source>已作废：{}（{}）。编号不再使用；如需证明请重新开具。</source>
        <translation>Voided: {} ({}). The number is not used again; issue a new certificate if one is needed.</translation>
    </message>
    <message>
        <source>有效。补打沿用原编号，不登记新编号。</source>
        <translation>Valid. A reprint keeps its number; no new number is registered.</translation>
    </message>
    <message>
        <source>开具志愿服务证明</source>
        <translation>Issue a volunteer certificate</translation>
    </message>
    <message>
        <source>证明按志愿者的服务时长开具并自动编号：请在“志愿者”页打开该志愿者，点“打印志愿服务记录证明”。</source>
        <translation>A certificate is issued from a volunteer's hours and numbered by itself: open the volunteer on the 志愿者 page and choose 打印志愿服务记录证明.</translation>
    </message>
    <message>
        <source>作废证明</source>
        <translation>Void the certificate</translation>
    </message>
    <message>
        <source>作废 {} 的原因：</source>
        <translation>Why {} is voided:</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>补打志愿服务证明</source>
        <translation>Reprint a volunteer certificate</translation>
    </message>
    <message>
        <source>正在生成证明，请稍候…</source>
        <translation>Making the certificate…</translation>
    </message>
</context>
<context>
    <name>ProjectPage</name>
    <message>
        <source>添加指标</source>
        <translation>Add indicator</translation>
    </message>
    <message>
        <source>修改指标</source>
        <translation>Edit indicator</translation>
    </message>
    <message>
        <source>内置指标的实际完成由系统按服务记录统计；“自定义指标”须填写指标名称，保存后再打开可手填实际完成与佐证。</source>
        <translation>A built-in indicator's actual is counted from the service records; a custom indicator needs a name, and once saved you open it again to enter its actual and evidence.</translation>
    </message>
    <message>
        <source>项目资金</source>
        <translation>Project money</translation>
    </message>
    <message>
        <source>保存项目后即可按执行年度添加指标。</source>
        <translation>Save the project to add its indicators per execution year.</translation>
    </message>
    <message>
        <source>各执行年度指标</source>
        <translation>Indicators per execution year</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>应完成（按进度）</source>
        <translation>Expected (pro rata)</translation>
    </message>
    <message>
        <source>说明与佐证</source>
        <translation>Note and evidence</translation>
    </message>
    <message>
        <source>添加指标（Ctrl+I）</source>
        <translation>Add indicator (Ctrl+I)</translation>
    </message>
    <message>
        <source>Enter 修改选中指标，Delete 删除。</source>
        <translation>Enter edits the selected indicator, Delete deletes it.</translation>
    </message>
    <message>
        <source>第{}年度 {} 至 {}（已过 {}）</source>
        <translation>Year {} {} to {} ({} gone)</translation>
    </message>
    <message>
        <source>第{}年度</source>
        <translation>Year {}</translation>
    </message>
    <message>
        <source>（未设指标）</source>
        <translation>(no indicators)</translation>
    </message>
    <message>
        <source>（手填）</source>
        <translation> (entered)</translation>
    </message>
    <message>
        <source>  落后</source>
        <translation>  behind</translation>
    </message>
    <message>
        <source>删除指标</source>
        <translation>Delete indicator</translation>
    </message>
    <message>
        <source>删除选中的指标？</source>
        <translation>Delete the selected indicator?</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <!-- att-integrity: a restore's attachments whose files the backup folder lacked -->
    <message>
        <source>……另有 {} 个</source>
        <translation>… and {} more</translation>
    </message>
    <message>
        <source>备份文件夹中缺少以下 {} 个附件的文件，记录已恢复，需要时请重新添加：</source>
        <translation>The backup folder lacks the files of these {} attachments; the records were restored. Attach them again where needed:</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>说明，回车保存</source>
        <translation>Caption; Enter saves</translation>
    </message>
    <message>
        <source>保存后可添加附件</source>
        <translation>Save first to add attachments</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>添加照片/扫描件…</source>
        <translation>Add photos/scans…</translation>
    </message>
    <message>
        <source>从文件夹导入…</source>
        <translation>Import from a folder…</translation>
    </message>
    <message>
        <source>还没有附件：可拖入照片或 PDF 扫描件，或点“添加照片/扫描件…”。</source>
        <translation>No attachments yet: drop photos or PDF scans here, or click “Add photos/scans…”.</translation>
    </message>
    <message>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <source>无权查看：仅能查看该个案的人员可以打开</source>
        <translation>Not yours to see: only those who may see the case can open it</translation>
    </message>
    <message>
        <source>（不可查看）</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <source>拍摄于 {}</source>
        <translation>Taken {}</translation>
    </message>
    <message>
        <source>添加照片或扫描件</source>
        <translation>Add photos or scans</translation>
    </message>
    <message>
        <source>照片和扫描件 ({})</source>
        <translation>Photos and scans ({})</translation>
    </message>
    <message>
        <source>选择手机或相机存储卡中的照片文件夹</source>
        <translation>Choose the photo folder of a phone or camera card</translation>
    </message>
    <message>
        <source>正在读取文件夹中的照片…</source>
        <translation>Reading the folder's photos…</translation>
    </message>
    <message>
        <source>从文件夹导入</source>
        <translation>Import from a folder</translation>
    </message>
    <message>
        <source>文件夹“{}”里没有照片。</source>
        <translation>There are no photos in the folder “{}”.</translation>
    </message>
    <message>
        <source>正在添加 {} 个文件…</source>
        <translation>Adding {} files…</translation>
    </message>
    <message>
        <source>已添加 {} 个附件</source>
        <translation>{} attachments added</translation>
    </message>
    <message>
        <source>无权查看这个附件</source>
        <translation>You may not see this attachment</translation>
    </message>
    <message>
        <source>删除附件</source>
        <translation>Delete attachment</translation>
    </message>
    <message>
        <source>删除附件“{}”吗？</source>
        <translation>Delete the attachment “{}”?</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>保留</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>附件已删除</source>
        <translation>Attachment deleted</translation>
    </message>
    <message>
        <source>活动照片与签到表扫描件</source>
        <translation>Photos and scanned sign-in sheets</translation>
    </message>
    <message>
        <source>个案附件</source>
        <translation>Case attachments</translation>
    </message>
    <message>
        <source>所选记录的附件</source>
        <translation>Attachments of the chosen log</translation>
    </message>
    <message>
        <source>选中一条个案记录后可添加附件</source>
        <translation>Choose a case log to add attachments to it</translation>
    </message>
    <message>
        <source>知情同意书、证件等</source>
        <translation>Consent forms, ID papers and more</translation>
    </message>
    <message>
        <source>评估材料（报告、评分表扫描件）</source>
        <translation>Evaluation papers (reports, scanned score sheets)</translation>
    </message>
    <message>
        <source>投诉材料（来信、处理记录扫描件）</source>
        <translation>Complaint papers (letters, scanned handling records)</translation>
    </message>
    <message>
        <source>本节照片与签到表</source>
        <translation>This session's photos and sign-in sheet</translation>
    </message>
    <message>
        <source>照片与扫描件</source>
        <translation>Photos and scans</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>上一个（←）</source>
        <translation>Previous (←)</translation>
    </message>
    <message>
        <source>下一个（→）</source>
        <translation>Next (→)</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>附件 · {}</source>
        <translation>Attachment · {}</translation>
    </message>
    <message>
        <source>拍摄于 {}</source>
        <translation>Taken {}</translation>
    </message>
    <message>
        <source>第 {} / {} 个</source>
        <translation>{} of {}</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>无法显示这个文件。</source>
        <translation>This file cannot be shown.</translation>
    </message>
    <message>
        <source>无法打开这个附件。</source>
        <translation>This attachment cannot be opened.</translation>
    </message>
    <message>
        <source>附件另存为</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <source>已另存为 {}</source>
        <translation>Saved as {}</translation>
    </message>
</context>
<context>
    <name>FolderDayDialog</name>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>{year}年{month}月{day}日（{weekday}）  {count} 张</source>
        <translation>{weekday} {day}/{month}/{year}  {count} photos</translation>
    </message>
    <message>
        <source>从文件夹导入照片</source>
        <translation>Import photos from a folder</translation>
    </message>
    <message>
        <source>文件夹：{}</source>
        <translation>Folder: {}</translation>
    </message>
    <message>
        <source>选择拍摄日期（↑ ↓ 选择，回车导入）：</source>
        <translation>Choose the day taken (↑ ↓ to choose, Enter imports):</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>将导入这一天的 {} 张照片。</source>
        <translation>{} photos of this day will be imported.</translation>
    </message>
</context>
<context>
    <name>AttachmentSettings</name>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>照片添加时会去除位置和设备信息，并缩到适合打印的大小（长边约 2000 像素）。保留原图会另存一份完整尺寸的照片，占用更多磁盘空间和同步流量。</source>
        <translation>Attached photos lose their location and device data and are scaled to print size (about 2,000 pixels on the long side). Keeping originals also stores a full-size copy, which takes more disk space and sync traffic.</translation>
    </message>
    <message>
        <source>单个文件上限</source>
        <translation>Largest file</translation>
    </message>
    <message>
        <source>保留完整尺寸的原图</source>
        <translation>Keep full-size originals</translation>
    </message>
    <message>
        <source>保存附件设置</source>
        <translation>Save attachment settings</translation>
    </message>
    <message>
        <source>附件设置已保存</source>
        <translation>Attachment settings saved</translation>
    </message>
</context>
<context>
    <name>NeedPage</name>
    <message>
        <source>推荐对接</source>
        <translation>Suggested matches</translation>
    </message>
    <message>
        <source>按技能、社区、语言、时段排序，已有对接多的靠后。选中一行按 Enter 对接。</source>
        <translation>Ranked by skill, community, language and time; those with more needs in hand come later. Choose a row and press Enter to match.</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>推荐理由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>没有合适的志愿者或联动资源：请在他们的资料里填写技能、服务社区、语言和可服务时段。</source>
        <translation>No volunteer or partner fits: fill in their skills, communities served, languages and times.</translation>
    </message>
    <message>
        <source>对接选中的（Enter）</source>
        <translation>Match the chosen one (Enter)</translation>
    </message>
    <message>
        <source>需求有未保存的修改，请先保存再对接。</source>
        <translation>The need has unsaved changes; save them before matching.</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>联动资源</source>
        <translation>Partner</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <source>待办</source>
        <translation>Work list</translation>
    </message>
    <message>
        <source>全部社工</source>
        <translation>All workers</translation>
    </message>
    <message>
        <source>社工</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>完成（Enter）</source>
        <translation>Done (Enter)</translation>
    </message>
    <message>
        <source>推迟…（Ctrl+D）</source>
        <translation>Postpone… (Ctrl+D)</translation>
    </message>
    <message>
        <source>打开（Ctrl+O）</source>
        <translation>Open (Ctrl+O)</translation>
    </message>
    <message>
        <source>打印探访排班表…</source>
        <translation>Print visit rota…</translation>
    </message>
    <message>
        <source>录入回执…</source>
        <translation>Enter returned slip…</translation>
    </message>
    <message>
        <source>没有逾期、今天或本周到期的待办。</source>
        <translation>Nothing overdue, due today or this week.</translation>
    </message>
    <message>
        <source>逾期 {} 项 · 今天 {} 项 · 本周 {} 项</source>
        <translation>{} overdue · {} today · {} this week</translation>
    </message>
    <message>
        <source>已记录：{}</source>
        <translation>Recorded: {}</translation>
    </message>
    <message>
        <source>已推迟：{}</source>
        <translation>Postponed: {}</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>服务对象</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>负责</source>
        <translation>Who</translation>
    </message>
</context>
<context>
    <name>WorkDialogs</name>
    <message>
        <source>到期：{}（{}）</source>
        <translation>Due: {} ({})</translation>
    </message>
    <message>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>完成待办</source>
        <translation>Task done</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Way</translation>
    </message>
    <message>
        <source>内容（Ctrl+Enter 保存）</source>
        <translation>Content (Ctrl+Enter saves)</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>推迟待办</source>
        <translation>Postpone task</translation>
    </message>
    <message>
        <source>推迟到</source>
        <translation>Postpone to</translation>
    </message>
    <message>
        <source>必填，如：对象住院，出院后再访</source>
        <translation>Required, e.g. in hospital, visit after discharge</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RotaDialogs</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{} 至 {}</source>
        <translation>{} to {}</translation>
    </message>
    <message>
        <source>打印探访排班表</source>
        <translation>Print visit rota</translation>
    </message>
    <message>
        <source>周次（该周任一天）</source>
        <translation>Week (any day of it)</translation>
    </message>
    <message>
        <source>留空：全部志愿者，每人一页</source>
        <translation>Empty: every volunteer, a page each</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>打印预览（Enter）</source>
        <translation>Print preview (Enter)</translation>
    </message>
    <message>
        <source>录入回执</source>
        <translation>Enter returned slip</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <source>每次志愿服务时长</source>
        <translation>Volunteer hours per visit</translation>
    </message>
    <message>
        <source>先选志愿者和周次；空格勾选已探访的行，Enter 保存。未勾选的仍为待办。</source>
        <translation>Choose the volunteer and week; Space ticks a row visited, Enter saves. Unticked rows stay due.</translation>
    </message>
    <message>
        <source>保存勾选的（Enter）</source>
        <translation>Save ticked (Enter)</translation>
    </message>
    <message>
        <source>这一周没有这位志愿者的探访。</source>
        <translation>No visits of this volunteer in this week.</translation>
    </message>
    <message>
        <source>没有勾选任何一行：用空格勾选已探访的。</source>
        <translation>No row ticked: tick the visited ones with Space.</translation>
    </message>
    <message>
        <source>已录入 {} 次探访</source>
        <translation>{} visits entered</translation>
    </message>
</context>
<context>
    <name>DashboardWork</name>
    <message>
        <source>今日待办</source>
        <translation>Today's work</translation>
    </message>
    <message>
        <source>打开待办</source>
        <translation>Open work list</translation>
    </message>
    <message>
        <source>逾期 {} 项</source>
        <translation>{} overdue</translation>
    </message>
    <message>
        <source>今天 {} 项</source>
        <translation>{} today</translation>
    </message>
    <message>
        <source>本周 {} 项</source>
        <translation>{} this week</translation>
    </message>
</context>
<context>
    <name>WorkReminder</name>
    <message>
        <source>查看待办</source>
        <translation>Open work list</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>有 {} 项逾期待办</source>
        <translation>{} overdue tasks</translation>
    </message>
</context>
</TS>
