// Copies the static files beside the compiled script: dist/ is what Tauri embeds.
import { copyFileSync, mkdirSync } from "node:fs";
mkdirSync("dist", { recursive: true });
for (const file of ["index.html", "style.css"]) copyFileSync(file, `dist/${file}`);
