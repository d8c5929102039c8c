/* TEST-ONLY shim for the Wine pipeline (build_spec/build_windows.sh). NEVER SHIPPED.
 *
 * Qt 6.10+ on Windows links the system ICU (icuuc.dll, part of Windows 10 1903+) for
 * QStringConverter's extra codecs. Wine 8 has no icuuc.dll, so QtCore fails to load
 * ("DLL load failed while importing QtCore"). This stub exports the ucnv_* functions
 * Qt6Core.dll imports and reports every converter as unavailable; Qt then uses its built-in
 * UTF-8/UTF-16/Latin-1 codecs. It is compiled with mingw into the Wine prefix's system32
 * only. The build script checks that Qt6Core.dll imports nothing else from icuuc.dll.
 */
#include <stddef.h>

#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, int *err) {
    (void)name;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, int *err) {
    (void)name; (void)standard;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT const char *ucnv_getName(const void *cnv, int *err) {
    (void)cnv;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
/* Never reached: no converter can be opened. Defined so the imports resolve. */
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT signed char ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 0; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
