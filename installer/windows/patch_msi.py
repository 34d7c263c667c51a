"""Prints the msibuild SQL that gives a wixl-built MSI what wixl does not write from the WiX 3
source: each component's <Condition>, the SecureCustomProperties of every Secure="yes" property,
and each custom action that runs a program from a folder (Directory and ExeCommand, type 34).
WiX 3 on Windows writes all of them itself from the same source.
Usage: patch_msi.py sql Latchkey.wxs ARCH   (the SQL, one statement a line; ARCH picks the
                                            source's `<?if $(var.Arch) = x64 ?>` defines)
       patch_msi.py strip Latchkey.wxs   (the source without component conditions, for wixl)"""
import re
import sys
import xml.etree.ElementTree as ET

NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
mode, source = sys.argv[1], sys.argv[2]
if mode == "strip":
    text = open(source, encoding="utf-8").read()
    text = re.sub(r"\s*<Condition><!\[CDATA\[.*?\]\]></Condition>", "", text, flags=re.S)
    # wixl cannot write a type-34 action (it asserts on its missing Source): written afterwards.
    text = re.sub(r"\s*<CustomAction [^>]*Directory=[^>]*/>", "", text, flags=re.S)
    print(text, end="")
    sys.exit(0)
arch = sys.argv[3]
# The preprocessor defines of the chosen architecture (the source's one `<?if $(var.Arch) = x64 ?>`
# block), substituted in the values this script writes, as WiX's and wixl's preprocessors do.
text = open(source, encoding="utf-8").read()
x64, other = re.search(r"<\?if \$\(var\.Arch\) = x64 \?>(.*?)<\?else\?>(.*?)<\?endif\?>", text, flags=re.S).groups()
defines = dict(re.findall(r'<\?define (\w+) = "([^"]*)" \?>', x64 if arch == "x64" else other))


def expand(value):
    return re.sub(r"\$\(var\.(\w+)\)", lambda m: defines[m.group(1)], value)


tree = ET.parse(source)
for component in tree.iterfind(".//w:Component", NS):
    condition = component.find("w:Condition", NS)
    if condition is not None and condition.text:
        expression = " ".join(condition.text.split())
        assert "'" not in expression, expression
        print(f"UPDATE Component SET Condition = '{expression}' WHERE Component = '{component.get('Id')}'")
for action in tree.iterfind(".//w:CustomAction", NS):
    if action.get("Directory") and action.get("ExeCommand"):
        kind = 34  # a program in a folder of the installation
        kind |= {"deferred": 1024, "commit": 1536, "rollback": 1280}.get(action.get("Execute", "immediate"), 0)
        if action.get("Impersonate") == "no":
            kind |= 2048
        if action.get("Return") == "ignore":
            kind |= 64
        target = expand(action.get("ExeCommand"))
        assert "'" not in target, target
        print(f"INSERT INTO CustomAction (Action, Type, Source, Target) VALUES ('{action.get('Id')}', {kind}, '{action.get('Directory')}', '{target}')")
secure = [p.get("Id") for p in tree.iterfind(".//w:Property", NS) if p.get("Secure") == "yes"]
print("DELETE FROM Property WHERE Property = 'SecureCustomProperties'")
print(f"INSERT INTO Property (Property, Value) VALUES ('SecureCustomProperties', '{';'.join(secure)}')")
