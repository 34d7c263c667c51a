"""Prepares a Latchkey server for the refresh benchmark: sets the password of the organization's
Fulfillment Contact through forgot-password (reading the code from the development mail folder)
and signs in N times, writing one refresh token per line.
Usage: mint_tokens.py BASE_URL EMAIL PASSWORD MAIL_DIR N OUT_FILE"""
import glob
import os
import re
import sys
import time

import requests



def set_password(base, email, password, mail_dir):
    """forgot password → the code from the newest mail in `mail_dir` → reset."""
    before = set(glob.glob(os.path.join(mail_dir, "*.eml")))
    requests.post(f"{base}/v1/password/forgot", json={"email": email}, timeout=10).raise_for_status()
    code = None
    for _ in range(400):
        for path in set(glob.glob(os.path.join(mail_dir, "*.eml"))) - before:
            text = open(path, encoding="utf-8").read().replace("=\n", "")
            found = re.search(r"^\s*(\d{8})\s*$", text, re.M)
            if found:
                code = found.group(1)
        if code:
            break
        time.sleep(0.05)
    assert code, "no code arrived in the mail folder"
    r = requests.post(f"{base}/v1/password/reset", json={"email": email, "code": code, "new_password": password}, timeout=30)
    assert r.status_code == 200, r.text


if __name__ == "__main__":
    base, email, password, mail_dir, count, out = sys.argv[1:7]
    set_password(base, email, password, mail_dir)
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(int(count)):
            r = requests.post(f"{base}/v1/sessions", json={"email": email, "password": password}, timeout=30)
            body = r.json()
            assert body.get("status") == "signed_in", body
            f.write(body["refresh_token"] + "\n")
