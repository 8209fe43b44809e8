<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="66"/>
        <source>选择要导入的 Excel 台账</source>
        <translation>Choose the Excel ledger to import</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="67"/>
        <source>支持 .xlsx 文件；表头可以不在第一行。</source>
        <translation>.xlsx files; the heading row need not be the first.</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="74"/>
        <source>Excel 文件路径</source>
        <translation>Excel file path</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="75"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="84"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="85"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="86"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="91"/>
        <source>选择 Excel 文件</source>
        <translation>Choose an Excel file</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="92"/>
        <location filename="../../ui/excel/import_wizard.py" line="252"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="120"/>
        <source>核对列的对应关系</source>
        <translation>Check how the columns map</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="121"/>
        <source>左边是表格中的列名，右边是导入到的项目；不需要的列选“不导入”。</source>
        <translation>On the left the columns of the sheet, on the right the fields they go to; choose “Do not import” for columns you do not need.</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="130"/>
        <source>已登记的人用表格中的内容更新（默认跳过）</source>
        <translation>Update people already registered from the sheet (skipped by default)</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="150"/>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="170"/>
        <source>检查结果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="171"/>
        <source>按“导入”写入可导入的行；有错误的行不会导入，可保存结果表格改正后再导入。</source>
        <translation>Press “Import” to write the rows that can be imported; rows with errors are left out: save the result sheet, correct them and import again.</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="181"/>
        <source>保存结果表格…</source>
        <translation>Save the result sheet…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="187"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="198"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="207"/>
        <source>正在检查表格…</source>
        <translation>Checking the sheet…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="217"/>
        <source>检查时出错，详情见日志</source>
        <translation>The check failed; details are in the log</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="240"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="251"/>
        <source>保存结果表格</source>
        <translation>Save the result sheet</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_wizard.py" line="272"/>
        <source>导入 Excel 台账</source>
        <translation>Import an Excel ledger</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="38"/>
        <source>尚未建立站点数据库</source>
        <translation>No station database yet</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="39"/>
        <source>版本 {current}（本程序为版本 {latest}）</source>
        <translation>version {current} (this program is version {latest})</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="49"/>
        <source>关于社工站桌面</source>
        <translation>About swdesk</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="52"/>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="58"/>
        <source>程序版本：</source>
        <translation>Program version:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="59"/>
        <location filename="../../ui/about.py" line="94"/>
        <source>数据目录：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="60"/>
        <location filename="../../ui/about.py" line="95"/>
        <source>数据库版本：</source>
        <translation>Database version:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="66"/>
        <source>最近一次升级：</source>
        <translation>Last upgrade:</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="70"/>
        <source>复制以上信息</source>
        <translation>Copy this information</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="73"/>
        <source>打开数据目录</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="117"/>
        <source>社工站桌面已升级</source>
        <translation>swdesk has been upgraded</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="60"/>
        <location filename="../../ui/app.py" line="95"/>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/pages/case_page.py" line="88"/>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="92"/>
        <source>记录内容，回车添加</source>
        <translation>What happened; Enter adds it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="93"/>
        <source>添加记录</source>
        <translation>Add log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="129"/>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="130"/>
        <source>保存个案（Enter）</source>
        <translation>Save case (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="152"/>
        <source>个案记录</source>
        <translation>Case logs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="179"/>
        <source>个案 {} · {}</source>
        <translation>Case {} · {}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="183"/>
        <location filename="../../ui/pages/case_page.py" line="191"/>
        <source>结案</source>
        <translation>Closure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="195"/>
        <source>结案日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="196"/>
        <source>结案小结</source>
        <translation>Closure summary</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_page.py" line="208"/>
        <source>进入下一阶段：{}</source>
        <translation>Next stage: {}</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <location filename="../../ui/pages/client_page.py" line="55"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="56"/>
        <source>个案记录</source>
        <translation>Case log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="57"/>
        <location filename="../../ui/pages/client_page.py" line="112"/>
        <source>开案</source>
        <translation>Open a case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="58"/>
        <source>结案</source>
        <translation>Case closed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="59"/>
        <source>需求</source>
        <translation>Need</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="74"/>
        <source>新建服务对象</source>
        <translation>New client</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="75"/>
        <location filename="../../ui/pages/client_page.py" line="221"/>
        <source>服务对象 · {}</source>
        <translation>Client · {}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="77"/>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="78"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="92"/>
        <source>基本信息</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="109"/>
        <source>登记需求</source>
        <translation>Record a need</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="111"/>
        <source>服务需求（{}）</source>
        <translation>Needs ({})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="114"/>
        <source>个案（{}）</source>
        <translation>Cases ({})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="119"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="120"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="121"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="126"/>
        <source>服务时间线（{}）</source>
        <translation>Timeline ({})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="202"/>
        <source>可能重复登记</source>
        <translation>Possibly registered already</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="203"/>
        <source>已有相同身份证号、或同名同出生日期的服务对象：
{}

仍要保存这位新的服务对象吗？</source>
        <translation>There is already a client with the same resident ID, or the same name and date of birth:
{}

Save this new client anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="207"/>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="209"/>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="55"/>
        <source>工作台</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="60"/>
        <source>本月服务（次）</source>
        <translation>Services this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="61"/>
        <source>本月服务人次</source>
        <translation>Person-times this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="62"/>
        <source>本月志愿服务时长（小时）</source>
        <translation>Volunteer hours this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="63"/>
        <source>待同步变更（条）</source>
        <translation>Changes not yet synced</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="70"/>
        <source>本月服务（按近邻服务类别）</source>
        <translation>Services this month by neighbourly category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="72"/>
        <source>个案（按阶段）</source>
        <translation>Cases by stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="74"/>
        <source>项目指标完成情况</source>
        <translation>Project indicators against targets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="76"/>
        <source>继续教育未满 80 学时的社工（本年度）</source>
        <translation>Workers below 80 continuing-education hours (this year)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="97"/>
        <source>正在统计本月数据…</source>
        <translation>Counting this month…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="107"/>
        <source>工作台 · {}年{}月</source>
        <translation>Today · {}-{:02}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="150"/>
        <source>当前没有执行中的项目。</source>
        <translation>No project is running now.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="156"/>
        <source>所有在岗社工均已达到 80 学时。</source>
        <translation>Every active worker has reached 80 hours.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159"/>
        <source>{} 学时</source>
        <translation>{} h</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="163"/>
        <source>另有 {} 人</source>
        <translation>{} more</translation>
    </message>
</context>
<context>
    <name>EntityForm</name>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="73"/>
        <source>已恢复上次未保存的内容。</source>
        <translation>What you typed last time, unsaved, has been restored.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="74"/>
        <source>丢弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="252"/>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="253"/>
        <source>刚才填写的内容还没有保存。要保存吗？</source>
        <translation>What you typed has not been saved. Save it?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="256"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="257"/>
        <source>不保存</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <location filename="../../ui/forms/entity_form.py" line="259"/>
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="20"/>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>程序遇到了意外问题，刚才的操作没有完成，已保存的数据不受影响。
详细情况已记入数据目录中的日志（logs/swdesk.log），可发给技术支持。</source>
        <translation>The program ran into an unexpected problem. The last action was not completed; data already saved is not affected.
The details are in the log in the data folder (logs/swdesk.log), which you can send to support.</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <location filename="../../ui/excel/__init__.py" line="41"/>
        <source>导出为 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/excel/__init__.py" line="42"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/excel/__init__.py" line="53"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../ui/excel/__init__.py" line="54"/>
        <source>已导出 {} 行到 {}</source>
        <translation>Exported {} rows to {}</translation>
    </message>
    <message>
        <location filename="../../ui/excel/__init__.py" line="56"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../ui/shell/first_run.py" line="36"/>
        <source>本站信息</source>
        <translation>This station</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="37"/>
        <source>欢迎使用社工站桌面。先告诉程序这是哪个社工站（室），以后同步给市民政局时会用到。</source>
        <translation>Welcome to swdesk. First tell the program which station (or room) this is; syncing with the city uses it.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="46"/>
        <source>例如：嘉莲街道社工站</source>
        <translation>e.g. Jialian Street Social-Work Station</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="57"/>
        <source>站点编码 *</source>
        <translation>Station code *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="58"/>
        <source>站点名称 *</source>
        <translation>Station name *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="59"/>
        <source>层级 *</source>
        <translation>Level *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="60"/>
        <source>所属区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="83"/>
        <source>管理员账户</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="84"/>
        <source>建立第一个账户，它是本站的管理员，以后可以为同事开账户。</source>
        <translation>Create the first account: the station&apos;s administrator, who can later open accounts for colleagues.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="98"/>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="99"/>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="100"/>
        <source>密码 *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="101"/>
        <source>再输一次密码 *</source>
        <translation>Password again *</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="112"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="135"/>
        <source>社工站桌面 · 首次使用</source>
        <translation>swdesk · first start</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="137"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="138"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="139"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_run.py" line="140"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/forms/form_dialog.py" line="25"/>
        <source>新建{}</source>
        <translation>New {}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_dialog.py" line="33"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/forms/form_dialog.py" line="35"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <location filename="../../ui/pages/form_page.py" line="55"/>
        <source>新建{}</source>
        <translation>New {}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/form_page.py" line="61"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/form_page.py" line="63"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/auth/idle_lock.py" line="46"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/auth/idle_lock.py" line="51"/>
        <source>长时间未操作，屏幕已锁定。
{} 请输入密码继续。</source>
        <translation>The screen was locked after a period of inactivity.
{} please enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../ui/auth/idle_lock.py" line="64"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/auth/idle_lock.py" line="68"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../ui/excel/report_model.py" line="26"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="27"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="28"/>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="29"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="30"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="59"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="59"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/excel/report_model.py" line="60"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <location filename="../../ui/widgets/link_picker.py" line="50"/>
        <source>输入姓名、拼音首字母或号码后几位</source>
        <translation>Name, pinyin initials or the last digits of an ID or phone</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/link_picker.py" line="51"/>
        <source>输入名称查找</source>
        <translation>Type a name to find</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <location filename="../../ui/models/lazy_table.py" line="70"/>
        <source>同步</source>
        <translation>Sync state</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../ui/pages/list_page.py" line="98"/>
        <source>新建（Ctrl+N）</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/list_page.py" line="109"/>
        <source>搜索：姓名、拼音首字母、身份证或电话后几位（Ctrl+F）</source>
        <translation>Search: name, pinyin initials, last digits of ID or phone (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/list_page.py" line="110"/>
        <source>搜索（Ctrl+F）</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/list_page.py" line="117"/>
        <source>全部{}</source>
        <translation>All: {}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/list_page.py" line="176"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/list_page.py" line="206"/>
        <source>共 {} 条</source>
        <translation>{} rows</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <location filename="../../ui/main_window.py" line="79"/>
        <source>社工站桌面</source>
        <translation>Social-Work Station Desktop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>用户：{}</source>
        <translation>User: {}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>站点：{}（{}）</source>
        <translation>Station: {} ({})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>待同步变更：{} 条</source>
        <translation>Unsynced changes: {}</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <location filename="../../ui/pages/builtin.py" line="76"/>
        <source>工作台</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="77"/>
        <source>服务对象</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="78"/>
        <source>个案</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="79"/>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="81"/>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="82"/>
        <source>联动资源</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="83"/>
        <source>服务项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="84"/>
        <source>社工</source>
        <translation>Workers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="86"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="88"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/builtin.py" line="89"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../ui/ops.py" line="47"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="100"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="102"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="121"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../ui/printing/viewer.py" line="144"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/printing/viewer.py" line="147"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/printing/viewer.py" line="150"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/printing/viewer.py" line="261"/>
        <source>第 {} 页 / 共 {} 页</source>
        <translation>Page {} of {}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing/pdf_pages.py" line="41"/>
        <source>无法打开文件 {}：{}</source>
        <translation>Cannot open the file {}: {}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/pdf_pages.py" line="69"/>
        <source>文件已关闭：{}</source>
        <translation>The file is closed: {}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/pdf_pages.py" line="71"/>
        <source>没有第 {} 页</source>
        <translation>There is no page {}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="77"/>
        <source>所选页码范围内没有页面</source>
        <translation>No pages in the chosen range</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="80"/>
        <source>无法开始打印：请检查打印机是否已连接、是否缺纸，或所选文件能否写入</source>
        <translation>Cannot start printing: check that the printer is connected and has paper, or that the chosen file can be written</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="88"/>
        <source>打印机未能换页，打印已中止</source>
        <translation>The printer could not start a new page; printing stopped</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="105"/>
        <location filename="../../ui/printing/printer.py" line="117"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="115"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="115"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer.py" line="147"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <location filename="../../ui/pages/record_page.py" line="56"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="63"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="101"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="136"/>
        <source>新建服务记录</source>
        <translation>New service record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="137"/>
        <source>服务记录 · {}</source>
        <translation>Service record · {}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="139"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="140"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="154"/>
        <source>社区活动可不逐一选择参与者，直接在左侧填写参与人次。</source>
        <translation>For a community event you may enter the person-times on the left instead of choosing each participant.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="158"/>
        <source>参与的服务对象</source>
        <translation>Participating clients</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="160"/>
        <source>志愿者及服务时长</source>
        <translation>Volunteers and their hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="161"/>
        <source>小时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="162"/>
        <source>联动资源及贡献</source>
        <translation>Partners and their contribution</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="163"/>
        <source>贡献内容</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <location filename="../../ui/pages/record_page.py" line="164"/>
        <source>折合金额（元）</source>
        <translation>Value (yuan)</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/reports/generate.py" line="32"/>
        <source>已登记证明编号 {}，累计服务 {} 小时</source>
        <translation>Certificate {} registered, {} hours in total</translation>
    </message>
    <message>
        <location filename="../../ui/reports/generate.py" line="45"/>
        <source>正在生成报表，请稍候…</source>
        <translation>Generating the report, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/print_actions.py" line="44"/>
        <location filename="../../ui/reports/report_params.py" line="48"/>
        <location filename="../../ui/reports/report_params.py" line="150"/>
        <source>服务记录表</source>
        <translation>Service record sheet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/print_actions.py" line="51"/>
        <location filename="../../ui/reports/report_params.py" line="51"/>
        <source>个案档案</source>
        <translation>Case file</translation>
    </message>
    <message>
        <location filename="../../ui/reports/print_actions.py" line="63"/>
        <location filename="../../ui/reports/report_params.py" line="54"/>
        <source>志愿服务记录证明</source>
        <translation>Volunteer service certificate</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="54"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="64"/>
        <source>报表类型</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="78"/>
        <source>报表参数</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="87"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="104"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="109"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="111"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="113"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="119"/>
        <source>尚未生成报表。
请在左侧选择报表类型和参数，然后点击“生成”。</source>
        <translation>No report yet.
Choose a report and its parameters on the left, then click “Generate”.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="129"/>
        <source>证明编号按年度顺序编排，并记入证明登记簿。</source>
        <translation>Certificate numbers run per year and are entered in the certificate register.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="178"/>
        <source>正在生成{}…</source>
        <translation>Generating {}…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="209"/>
        <source>已生成，共 {} 页。</source>
        <translation>Done: {} pages.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="228"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="229"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="242"/>
        <source>无法保存到 {}：{}</source>
        <translation>Cannot save to {}: {}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="245"/>
        <source>已保存：{}</source>
        <translation>Saved: {}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="252"/>
        <location filename="../../ui/reports/report_params.py" line="45"/>
        <source>月度工作报表</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="254"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="255"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_page.py" line="266"/>
        <source>已导出 Excel：{}</source>
        <translation>Exported to Excel: {}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="46"/>
        <source>本站一个月的服务、个案、志愿服务、五社联动和项目指标汇总，报送街道；也可导出 Excel。</source>
        <translation>A month of the station&apos;s services, cases, volunteering, five-society linkage and project indicators, for the street office; can also be exported to Excel.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="49"/>
        <source>一次服务的记录表，含参与的服务对象、志愿者、联动资源和签名栏。</source>
        <translation>The sheet of one service: participants, volunteers, partners and signature lines.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="52"/>
        <source>一个个案的完整档案：服务对象情况、预估、服务计划、每次服务记录、转介和结案。</source>
        <translation>A complete case file: the client, assessment, plan, every log, referrals and closure.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="55"/>
        <source>为志愿者开具服务记录证明。每生成一次即登记一个新的证明编号，请确认后再生成。</source>
        <translation>Issues a volunteer service certificate. Each one generated registers a new certificate number, so check before generating.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="57"/>
        <source>志愿服务时长统计</source>
        <translation>Volunteer hours</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="58"/>
        <source>一段时间内的志愿服务时长，按志愿者、团队和项目合计。</source>
        <translation>Volunteer hours over a period, totalled by volunteer, team and project.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="60"/>
        <source>项目指标进度与评估表</source>
        <translation>Project indicators and evaluations</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="61"/>
        <source>项目各项指标的完成进度、人力成本占比和评估结果。</source>
        <translation>Each indicator&apos;s progress, the labour-cost share and the evaluation results of a project.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="62"/>
        <source>继续教育学时统计</source>
        <translation>Continuing-education hours</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="63"/>
        <source>社工一年的继续教育学时，不足 80 学时的会标出。</source>
        <translation>Workers&apos; continuing-education hours for a year; those below 80 are marked.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="64"/>
        <source>空白表格</source>
        <translation>Blank forms</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="65"/>
        <source>外出走访时手写用的空白服务对象登记表或服务记录表。</source>
        <translation>Blank client registration or service record forms to fill in by hand on visits.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="89"/>
        <source> 年</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="106"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="111"/>
        <source>输入服务主题或内容查找</source>
        <translation>Type a title or content to find</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="112"/>
        <location filename="../../ui/reports/report_params.py" line="220"/>
        <source>服务记录</source>
        <translation>Service record</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="117"/>
        <source>输入个案编号或服务对象姓名</source>
        <translation>Type a case number or client name</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="118"/>
        <location filename="../../ui/reports/report_params.py" line="221"/>
        <source>个案</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="123"/>
        <source>输入志愿者姓名</source>
        <translation>Type a volunteer&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="125"/>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="128"/>
        <location filename="../../ui/reports/report_params.py" line="222"/>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="129"/>
        <source>统计年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="135"/>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="136"/>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="141"/>
        <source>服务项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="145"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="151"/>
        <source>服务对象登记表</source>
        <translation>Client registration form</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="152"/>
        <source>表格</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="224"/>
        <source>请先选择{}（输入文字后从列表中选取）</source>
        <translation>Choose the {} first (type, then pick from the list)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/report_params.py" line="237"/>
        <source>还没有服务项目，请先在“服务项目”中登记</source>
        <translation>There are no projects yet; add one under “Projects” first</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="25"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="28"/>
        <source>界面语言</source>
        <translation>Language of the window</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="36"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="40"/>
        <source>本站信息</source>
        <translation>This station</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="42"/>
        <source>站点</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="44"/>
        <source>服务对象</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="45"/>
        <source>{} 人</source>
        <translation>{} people</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="46"/>
        <source>服务记录</source>
        <translation>Service records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="47"/>
        <source>{} 条</source>
        <translation>{}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="48"/>
        <source>数据目录</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="50"/>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../ui/shell/sign_in.py" line="36"/>
        <source>社工站桌面 · 登录</source>
        <translation>swdesk · sign in</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sign_in.py" line="51"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sign_in.py" line="52"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sign_in.py" line="61"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sign_in.py" line="64"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>WorkersPage</name>
    <message>
        <location filename="../../ui/pages/workers.py" line="20"/>
        <source>社工</source>
        <translation>Workers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/workers.py" line="21"/>
        <source>继续教育</source>
        <translation>Continuing education</translation>
    </message>
</context>
</TS>
