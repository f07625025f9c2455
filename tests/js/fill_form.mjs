// Fill a PDF form the way Firefox does (Mozilla pdf.js), and save it.
//   node fill_form.mjs IN.pdf VALUES.json OUT.pdf
// VALUES maps field names to a string (text, or a choice's export value) or true/false
// (a check box). Every named field must exist: a missing one is an error, not a skip.
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [input, valuesFile, output] = process.argv.slice(2);
const values = JSON.parse(fs.readFileSync(valuesFile, "utf8"));
const doc = await getDocument({ data: new Uint8Array(fs.readFileSync(input)),
                                useSystemFonts: false, isEvalSupported: false }).promise;
const fields = (await doc.getFieldObjects()) || {};
for (const [name, value] of Object.entries(values)) {
  const widgets = fields[name];
  if (!widgets) {
    console.error(`no field named ${name}`);
    process.exit(3);
  }
  for (const widget of widgets) {
    doc.annotationStorage.setValue(widget.id, { value });
  }
}
fs.writeFileSync(output, await doc.saveDocument());
await doc.destroy();
