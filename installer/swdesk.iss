; Inno Setup script: swdesk-setup-VERSION.exe for Windows station PCs.
;
; Built by installer/build.py on Windows (it passes the defines below):
;   iscc /DAppVersion=0.2.0.dev1 /DFileVersion=0.2.0.1 /DBundleDir=..\dist\swdesk
;        /DOutputDir=..\dist installer\swdesk.iss
; FileVersion is AppVersion as the four numbers a Windows version resource holds
; (installer/versioninfo.py): "0.2.0.dev1" itself is no valid VersionInfoVersion.
;
; What it does, and why:
; - per-user install, no administrator rights (PrivilegesRequired=lowest): the
;   program goes to %LOCALAPPDATA%\Programs\swdesk ({autopf} of a per-user install),
;   shortcuts to the user's Start menu and desktop;
; - a fixed AppId, so a newer setup upgrades the same installation in place;
;   the old program files are removed first ([InstallDelete]) so no stale module
;   or migration script survives an upgrade; the data are not touched, and the
;   program migrates the database (backup first) the next time it opens;
; - uninstall removes the program and asks whether to delete the data folder
;   (%LOCALAPPDATA%\swdesk, platformdirs' user_data_dir("swdesk", appauthor=False));
;   the default answer, and the answer of a silent uninstall, is to keep them;
; - Chinese first: the setup asks for its language with Windows' own preselected
;   (Chinese on a Chinese Windows, Chinese too on one that is neither Chinese nor
;   English); a silent install takes that choice without asking. The Chinese messages
;   file is in the repository (languages\, with its licence): Inno Setup ships it
;   only as an unofficial translation, not with the compiler.
;
; CI compiles this script with Inno Setup 6.4 under wine and installs the result
; (installer/wine_check.py). Needs Inno Setup 6.3 or newer (x64compatible). The
; file is UTF-8 with a BOM, as Inno Setup wants for Chinese text.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (installer/build.py does)
#endif
#ifndef FileVersion
  #error Pass the version as four numbers: iscc /DFileVersion=X.Y.Z.N (installer/build.py does)
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\swdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; Never change the AppId: it is what makes a new version an upgrade of the old one.
AppId={{6E0B7C1A-3D52-4F1E-9A8B-5C2D7E4F9013}
AppName=社工站桌面
AppVersion={#AppVersion}
AppVerName=社工站桌面 swdesk {#AppVersion}
AppPublisher=swdesk
VersionInfoVersion={#FileVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoProductName=swdesk
; {localappdata}\Programs is what {autopf} means for a per-user install (FOLDERID_
; UserProgramFiles), written out: it is the folder docs/install.md names, and wine,
; which CI installs into, has no FOLDERID_UserProgramFiles ("cannot expand autopf").
DefaultDirName={localappdata}\Programs\swdesk
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=swdesk-setup-{#AppVersion}
SetupIconFile=..\resources\icons\swdesk.ico
UninstallDisplayIcon={app}\swdesk.exe
UninstallDisplayName=社工站桌面 swdesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; (Inno Setup's default, written out: English stays one click away on a Chinese PC.)
ShowLanguageDialog=yes
; A running swdesk is asked to close (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
; The first one is preselected when Windows' own language is neither of these.
Name: "chinesesimplified"; MessagesFile: "languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppTitle=swdesk (social-work station desktop)
english.DataFolder=swdesk data folder
english.DeleteDataQuestion=Also delete this PC's station data?%n%nData folder: %1%n%nChoose No (recommended) to keep everything: a new installation will find it again. Deleted data cannot be recovered; back them up first with "swdesk-cli db backup".
english.LaunchSwdesk=Start swdesk now
english.CustomDataDir=The station data are in %1 (set by SWDESK_DATA_DIR); the uninstaller leaves them there.
chinesesimplified.AppTitle=社工站桌面
chinesesimplified.DataFolder=社工站数据文件夹
chinesesimplified.DeleteDataQuestion=是否同时删除本机的社工站数据？%n%n数据文件夹：%1%n%n选“否”（推荐）将保留全部数据，重新安装后可继续使用。删除后无法恢复，如需删除请先用“swdesk-cli db backup”备份。
chinesesimplified.LaunchSwdesk=立即启动社工站桌面
chinesesimplified.CustomDataDir=社工站数据保存在 %1（由 SWDESK_DATA_DIR 指定），卸载程序不会删除它。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; The data folder exists from the start (the Start-menu shortcut points at it); the
; uninstaller never removes it by itself, only [Code] below when the user says so.
Name: "{localappdata}\swdesk"; Flags: uninsneveruninstall

[InstallDelete]
; The previous version's bundled libraries and scripts: replaced whole, never mixed.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\swdesk.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DataFolder}"; Filename: "{localappdata}\swdesk"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\swdesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\swdesk.exe"; Description: "{cm:LaunchSwdesk}"; Flags: nowait postinstall skipifsilent

[Code]
// The data folder swdesk uses when neither --data-dir nor SWDESK_DATA_DIR says otherwise.
function DefaultDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\swdesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  // After the program files are gone: offer to delete the data, defaulting to keep.
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if GetEnv('SWDESK_DATA_DIR') <> '' then
  begin
    if not UninstallSilent() then
      MsgBox(FmtMessage(CustomMessage('CustomDataDir'), [GetEnv('SWDESK_DATA_DIR')]),
        mbInformation, MB_OK);
    Exit;
  end;
  DataDir := DefaultDataDir();
  // A silent uninstall (/SILENT, /VERYSILENT) asks nothing and keeps the data.
  if UninstallSilent() or not DirExists(DataDir) then
    Exit;
  // With /SUPPRESSMSGBOXES the default answer, IDNO (keep), is taken.
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [DataDir]),
       mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
    DelTree(DataDir, True, True, True);
end;
