; posrev Windows installer (NSIS 3). Built by build_spec/build_windows.sh:
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSRCDIR=<onedir> -DICON=<posrev.ico>
;            -DOUTFILE=<posrev-0.1.0-setup.exe> build_spec/installer/posrev.nsi
;
; Per-machine install under Program Files; Start menu shortcut; optional desktop shortcut.
; Silent:   posrev-0.1.0-setup.exe /S [/D=C:\Path\posrev] [/DESKTOP] [/CONFIG=\\server\share\config.toml]
;   /D= must be last and unquoted (NSIS rule). A config.toml next to the installer is used
;   when /CONFIG= is not given; it becomes the machine-wide C:\ProgramData\posrev\config.toml
;   (the previous one is kept as config.toml.bak).
; Upgrade:  run a newer (or the same) installer again, silently or not: the program files
;   are replaced in place; config, journal, logs and credentials are never touched.
; Uninstall: "C:\Program Files\posrev\uninstall.exe" /S [/PURGE]
;   keeps config, journal and logs unless /PURGE is given.
; Exit codes: 0 done, 1 cancelled by the user, 2 error (e.g. /CONFIG file missing).

Unicode true
; Pitfall E: the default 32-bit stub does nothing under 64-bit-only Wine and exits 0.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef VERSION4
  !error "pass -DVERSION4=x.y.z.0"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=<the onedir>"
!endif
!ifndef OUTFILE
  !error "pass -DOUTFILE=<setup.exe>"
!endif

!define APP "posrev"
!define PUBLISHER "posrev"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
BrandingText "${APP} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION4}"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "(c) ${PUBLISHER}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var ConfigSource

Section "posrev (required)" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Upgrade in place: remove the previous program files first, so no stale module of an
  ; older version survives. Config, journal and logs live elsewhere (ProgramData, the
  ; cashier's AppData) and are not touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\posrev.exe"
  Delete "$INSTDIR\posrev-cli.exe"
  File /r "${SRCDIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\posrev.exe" "" "$INSTDIR\posrev.exe" 0

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\posrev.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0

  ; Unattended provisioning: the machine-wide config (overrides each cashier's own file).
  ${If} $ConfigSource != ""
    CreateDirectory "$APPDATA\${APP}"
    ${If} ${FileExists} "$APPDATA\${APP}\config.toml"
      CopyFiles /SILENT "$APPDATA\${APP}\config.toml" "$APPDATA\${APP}\config.toml.bak"
    ${EndIf}
    ClearErrors
    CopyFiles /SILENT "$ConfigSource" "$APPDATA\${APP}\config.toml"
    ${If} ${Errors}
      SetErrorLevel 2
      Abort "Cannot copy $ConfigSource to $APPDATA\${APP}\config.toml"
    ${EndIf}
  ${EndIf}
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\posrev.exe" "" "$INSTDIR\posrev.exe" 0
SectionEnd

Function .onInit
  ; per-machine: $SMPROGRAMS, $DESKTOP and $APPDATA (= C:\ProgramData) are the all-users ones
  SetShellVarContext all
  SetRegView 64
  ; an upgrade without /D= goes where the previous version is
  ${If} $INSTDIR == "$PROGRAMFILES64\${APP}"
    ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
    ${If} $0 != ""
      StrCpy $INSTDIR $0
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DESKTOP" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDesktop} ${SF_SELECTED}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $ConfigSource
  ${If} ${Errors}
    StrCpy $ConfigSource ""
    ${If} ${FileExists} "$EXEDIR\config.toml"
      StrCpy $ConfigSource "$EXEDIR\config.toml"
    ${EndIf}
  ${ElseIfNot} ${FileExists} "$ConfigSource"
    MessageBox MB_ICONSTOP "Config file not found: $ConfigSource" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\posrev.exe"
  Delete "$INSTDIR\posrev-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"

  ; Config, journal (the audit trail) and logs stay unless /PURGE is given.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    RMDir /r "$APPDATA\${APP}"
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\${APP}"
    SetShellVarContext all
  ${EndIf}
SectionEnd
