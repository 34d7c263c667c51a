/* TESTS ONLY, never shipped: prints the blob of a generic credential in the Windows Credential
   Manager as hex (`credread.exe TARGET`), so that the Wine end-to-end test can check that the
   refresh token is there, and then that no file of the Wine prefix holds it. Exit 1 when there is
   no such credential. */
#include <windows.h>
#include <wincred.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    PCREDENTIALW credential;
    if (argc != 2) {
        fprintf(stderr, "usage: credread.exe TARGET\n");
        return 2;
    }
    if (!CredReadW(argv[1], CRED_TYPE_GENERIC, 0, &credential)) {
        fprintf(stderr, "CredReadW: error %lu\n", GetLastError());
        return 1;
    }
    for (DWORD i = 0; i < credential->CredentialBlobSize; i++) printf("%02x", credential->CredentialBlob[i]);
    printf("\n");
    CredFree(credential);
    return 0;
}
