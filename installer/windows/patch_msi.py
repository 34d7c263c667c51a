"""Prints the msibuild SQL that gives a wixl-built MSI what wixl does not write from the WiX 3
source: each component's <Condition> and the SecureCustomProperties of every Secure="yes"
property. WiX 3 on Windows writes both itself from the same source.
Usage: patch_msi.py sql Latchkey.wxs     (the SQL, one statement a line)
       patch_msi.py strip Latchkey.wxs   (the source without component conditions, for wixl)"""
import re
import sys
import xml.etree.ElementTree as ET

NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
mode, source = sys.argv[1], sys.argv[2]
if mode == "strip":
    text = open(source, encoding="utf-8").read()
    print(re.sub(r"\s*<Condition><!\[CDATA\[.*?\]\]></Condition>", "", text, flags=re.S), end="")
    sys.exit(0)
tree = ET.parse(source)
for component in tree.iterfind(".//w:Component", NS):
    condition = component.find("w:Condition", NS)
    if condition is not None and condition.text:
        expression = " ".join(condition.text.split())
        assert "'" not in expression, expression
        print(f"UPDATE Component SET Condition = '{expression}' WHERE Component = '{component.get('Id')}'")
secure = [p.get("Id") for p in tree.iterfind(".//w:Property", NS) if p.get("Secure") == "yes"]
print("DELETE FROM Property WHERE Property = 'SecureCustomProperties'")
print(f"INSERT INTO Property (Property, Value) VALUES ('SecureCustomProperties', '{';'.join(secure)}')")
