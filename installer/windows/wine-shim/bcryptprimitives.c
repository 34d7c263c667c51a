/* TESTS ONLY, never shipped: Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng
   Rust's standard library (1.78+) imports on Windows for its random numbers. This stands in for it
   beside the exe inside the test's Wine prefix, answering from RtlGenRandom (SystemFunction036),
   which Wine implements. scripts/windows-build.sh builds it into target/, not into the MSI. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
